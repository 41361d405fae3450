/**
 * `pii/crypto-address`: wallet addresses whose checksum holds, as Presidio's crypto recognizer validates them:
 * Bitcoin legacy addresses by Base58Check (double SHA-256, node:crypto), SegWit ones by their BIP 173 bech32
 * or BIP 350 bech32m checksum (@scure/base), Ethereum ones by the EIP-55 mixed-case checksum (keccak-256 from
 * @noble/hashes). An all-lowercase Ethereum address carries no checksum, so it needs context to count.
 */
import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bech32, bech32m, createBase58check } from '@scure/base';
import { contextSignal } from '../context';
import { contextualMatch } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';

const BASE58_ADDRESS = /(?<![A-Za-z0-9])[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g;
const BECH32_ADDRESS = /(?<![A-Za-z0-9])(?:bc|tb|BC|TB)1[02-9AC-HJ-NP-Zac-hj-np-z]{11,87}(?![A-Za-z0-9])/g;
const ETHEREUM_ADDRESS = /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![0-9A-Za-z])/g;

const base58check = createBase58check((data: Uint8Array) => createHash('sha256').update(data).digest());

/** Base58Check version bytes of Bitcoin addresses. */
const BASE58_VERSIONS: Record<number, string> = {
  0x00: 'Bitcoin P2PKH address',
  0x05: 'Bitcoin P2SH address',
  0x6f: 'Bitcoin testnet P2PKH address',
  0xc4: 'Bitcoin testnet P2SH address',
};

interface AddressHit {
  start: number;
  end: number;
  base: number;
  evidence: string[];
  network: string;
}

export function detectCryptoAddresses(input: DetectorInput): DetectorMatch[] {
  const hits = [...bitcoinLegacyHits(input.value), ...bitcoinSegwitHits(input.value), ...ethereumHits(input)];
  return hits.map((hit) =>
    contextualMatch(input, {
      code: 'pii/crypto-address',
      kind: 'crypto-address',
      start: hit.start,
      end: hit.end,
      base: hit.base,
      evidence: hit.evidence,
      message: `${hit.network} address`,
      placeholder: '<CRYPTO_ADDRESS>',
      data: { entity: 'CRYPTO', network: hit.network },
    }),
  );
}

function bitcoinLegacyHits(value: string): AddressHit[] {
  const hits: AddressHit[] = [];
  for (const found of value.matchAll(BASE58_ADDRESS)) {
    const payload = decodeBase58check(found[0]);
    const kind = payload?.length === 21 ? BASE58_VERSIONS[payload[0]!] : undefined;
    if (!kind) continue;
    hits.push({
      start: found.index,
      end: found.index + found[0].length,
      base: 0.8,
      evidence: ['Base58Check checksum valid (double SHA-256)', kind],
      network: 'Bitcoin',
    });
  }
  return hits;
}

function decodeBase58check(text: string): Uint8Array | undefined {
  try {
    return base58check.decode(text);
  } catch {
    return undefined; // bad checksum or characters: not an address
  }
}

function bitcoinSegwitHits(value: string): AddressHit[] {
  const hits: AddressHit[] = [];
  for (const found of value.matchAll(BECH32_ADDRESS)) {
    const text = found[0];
    if (text !== text.toLowerCase() && text !== text.toUpperCase()) continue;
    const verdict = segwitVerdict(text.toLowerCase());
    if (verdict)
      hits.push({
        start: found.index,
        end: found.index + text.length,
        base: 0.85,
        evidence: verdict,
        network: 'Bitcoin',
      });
  }
  return hits;
}

/** BIP 173 / BIP 350: version 0 uses bech32 with a 20- or 32-byte program; versions 1–16 use bech32m. */
function segwitVerdict(address: string): string[] | undefined {
  const classic = bech32.decodeUnsafe(address, 90);
  const modern = classic ? undefined : bech32m.decodeUnsafe(address, 90);
  const decoded = classic ?? modern;
  const version = decoded?.words[0];
  if (!decoded || version === undefined || version > 16 || (version === 0) !== Boolean(classic)) return undefined;
  const program = bech32.fromWordsUnsafe(decoded.words.slice(1));
  if (!program || program.length < 2 || program.length > 40) return undefined;
  if (version === 0 && program.length !== 20 && program.length !== 32) return undefined;
  const net = decoded.prefix === 'tb' ? 'testnet ' : '';
  return [`${classic ? 'bech32' : 'bech32m'} checksum valid`, `Bitcoin ${net}SegWit v${version} address`];
}

function ethereumHits(input: DetectorInput): AddressHit[] {
  const hits: AddressHit[] = [];
  for (const found of input.value.matchAll(ETHEREUM_ADDRESS)) {
    const start = found.index;
    const end = start + found[0].length;
    const hex = found[0].slice(2);
    const mixedCase = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
    if (mixedCase) {
      if (!eip55Valid(hex)) continue;
      hits.push({
        start,
        end,
        base: 0.85,
        evidence: ['EIP-55 mixed-case checksum valid (keccak-256)'],
        network: 'Ethereum',
      });
    } else if (contextSignal('crypto-address', input, start, end).supports) {
      hits.push({
        start,
        end,
        base: 0.45,
        evidence: ['20-byte hex address without checksum, counted because of the context'],
        network: 'Ethereum',
      });
    }
  }
  return hits;
}

/** EIP-55: a hex letter is upper-case exactly where the keccak-256 of the lower-case address has a nibble ≥ 8. */
export function eip55Valid(hex: string): boolean {
  const hash = keccak_256(new TextEncoder().encode(hex.toLowerCase()));
  for (let i = 0; i < hex.length; i++) {
    const char = hex[i]!;
    if (char >= '0' && char <= '9') continue;
    const nibble = ((hash[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0x0f;
    if (nibble >= 8 !== (char >= 'A' && char <= 'F')) return false;
  }
  return true;
}
