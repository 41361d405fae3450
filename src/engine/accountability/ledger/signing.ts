import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LedgerSignature } from '../../../shared/ledger';

/** Environment variable naming the PEM file of the Ed25519 private key that signs new ledger entries. */
export const SIGNING_KEY_VARIABLE = 'RML_LEDGER_SIGNING_KEY';

/** An Ed25519 private key from a PEM file (PKCS#8, e.g. `openssl genpkey -algorithm ed25519`). */
export function loadSigningKey(file: string): KeyObject {
  const key = parseKey(file, (pem) => createPrivateKey(pem));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(
      `${file}: an Ed25519 private key is needed (got ${key.asymmetricKeyType ?? 'an unknown key type'})`,
    );
  return key;
}

/** The public key that checks signatures: from a public-key PEM or from the private key itself. */
export function loadVerifyKey(file: string): KeyObject {
  const key = parseKey(file, (pem) => createPublicKey(pem));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file}: an Ed25519 key is needed (got ${key.asymmetricKeyType ?? 'an unknown key type'})`);
  return key;
}

function parseKey(file: string, parse: (pem: string) => KeyObject): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the key (${(error as Error).message})`);
  }
  try {
    return parse(pem);
  } catch (error) {
    throw new Error(`${file}: not a PEM key (${(error as Error).message})`);
  }
}

/** The signing key named by `RML_LEDGER_SIGNING_KEY`, if any. */
export function signingKeyFromEnvironment(env: NodeJS.ProcessEnv = process.env): KeyObject | undefined {
  const file = env[SIGNING_KEY_VARIABLE];
  return file ? loadSigningKey(file) : undefined;
}

/** First 16 hex digits of the SHA-256 of the public key's SPKI DER encoding. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signText(text: string, privateKey: KeyObject): LedgerSignature {
  return {
    alg: 'ed25519',
    keyId: keyIdOf(privateKey),
    value: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}

export function verifyText(text: string, signature: LedgerSignature, publicKey: KeyObject): boolean {
  if (signature.alg !== 'ed25519' || typeof signature.value !== 'string') return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}
