/**
 * Credentials that secretlint's recommended preset (9.x) has no rule for, written by hand from the
 * providers' documented formats (the same shapes gitleaks' rules use): Anthropic, Google Cloud API keys and
 * OAuth client secrets, Azure storage account keys and Entra ID client secrets, GitLab tokens, Stripe secret
 * and webhook keys, JWTs, Twilio API keys and Hugging Face tokens. Random-token rules are entropy-checked by
 * the caller; the JWT rule checks structure instead (a JSON header with an algorithm and a JSON payload).
 */
import type { SecretKind } from './secretlint-codes';

export interface ExtraSecretRule extends SecretKind {
  /** Global pattern; group 1, when present, is the secret inside a longer match. */
  pattern: RegExp;
  /** Lower-case words every match contains: the pattern runs only on values holding one. */
  keywords: readonly string[];
  /** When set, the value must also match this (for rules whose token only means something in context). */
  context?: RegExp;
  /** What the match rests on, as its evidence, when it is more than the token's documented format. */
  identifiedBy?: string;
  /** Confidence instead of `base` when the secret matches this (test-mode keys). */
  lowerWhen?: { pattern: RegExp; base: number; evidence: string };
}

const EDGE = String.raw`(?<![\w-])`;
const END = String.raw`(?![\w-])`;

export const EXTRA_SECRET_RULES: ExtraSecretRule[] = [
  {
    code: 'secret/anthropic-api-key',
    keywords: ['sk-ant-'],
    message: 'Anthropic API key',
    pattern: new RegExp(String.raw`${EDGE}sk-ant-(?:api03|admin01|oat01|ort01)-[A-Za-z0-9_-]{93}AA${END}`, 'g'),
    base: 0.95,
    tokenLike: true,
  },
  {
    code: 'secret/gcp-api-key',
    keywords: ['aiza'],
    message: 'Google Cloud API key',
    pattern: new RegExp(String.raw`${EDGE}AIza[0-9A-Za-z_-]{35}${END}`, 'g'),
    base: 0.9,
    tokenLike: true,
  },
  {
    code: 'secret/gcp-oauth-client-secret',
    keywords: ['gocspx-'],
    message: 'Google OAuth client secret',
    pattern: new RegExp(String.raw`${EDGE}GOCSPX-[0-9A-Za-z_-]{28}${END}`, 'g'),
    base: 0.9,
    tokenLike: true,
  },
  {
    code: 'secret/azure-storage-key',
    keywords: ['accountkey='],
    message: 'Azure storage account key',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    base: 0.95,
    tokenLike: true,
  },
  {
    code: 'secret/azure-client-secret',
    keywords: ['q~'],
    message: 'Azure Entra ID (AD) client secret',
    pattern: /(?<![\w.~-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w.~-])/g,
    base: 0.85,
    tokenLike: true,
  },
  {
    code: 'secret/gitlab-token',
    keywords: [
      'glpat-',
      'gldt-',
      'glrt-',
      'glcbt-',
      'glptt-',
      'glsoat-',
      'glft-',
      'glimt-',
      'glagent-',
      'gloas-',
      'gr1348941',
    ],
    message: 'GitLab token',
    // Each prefix with the lengths GitLab issues (its token docs and gitleaks' rules): a look-alike of another
    // length is no GitLab token. glpat- also has the routable form of GitLab 17.x (…​.01.xxxxxxxxx).
    pattern: new RegExp(
      EDGE +
        String.raw`(?:glpat-(?:[0-9A-Za-z_-]{20}|[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}\.[0-9a-z]{7,9})|(?:gldt|glrt|glsoat|glft)-[0-9A-Za-z_-]{20}` +
        String.raw`|glcbt-[0-9a-fA-F]{1,5}_[0-9A-Za-z_-]{20}|glptt-[0-9a-f]{40}|glimt-[0-9A-Za-z_-]{25}|glagent-[0-9A-Za-z_-]{50}` +
        String.raw`|gloas-[0-9A-Za-z_-]{64}|GR1348941[0-9A-Za-z_-]{20})` +
        END,
      'g',
    ),
    base: 0.95,
    tokenLike: true,
  },
  {
    code: 'secret/stripe-key',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_'],
    message: 'Stripe secret key',
    pattern: new RegExp(
      String.raw`${EDGE}(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,247}|whsec_[0-9A-Za-z]{32,})${END}`,
      'g',
    ),
    base: 0.95,
    tokenLike: true,
    lowerWhen: {
      pattern: /^(?:sk|rk)_test_/,
      base: 0.7,
      evidence: 'test-mode key: no live payments, still account access',
    },
  },
  {
    code: 'secret/jwt',
    keywords: ['eyj'],
    message: 'JSON Web Token',
    // Three parts (signed) or two (an unsecured JWT, or one whose signature was cut off): both carry claims.
    pattern: new RegExp(String.raw`${EDGE}eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?${END}`, 'g'),
    base: 0.85,
    tokenLike: false,
    validate: jwtEvidence,
  },
  {
    code: 'secret/aws-access-key',
    keywords: ['a3t', 'abia', 'acca', 'agpa', 'aida', 'aipa', 'akia', 'anpa', 'anva', 'apka', 'aroa', 'asca', 'asia'],
    message: 'AWS access key ID',
    // Every unique-id prefix AWS documents (IAM user guide, "Unique identifiers"), as detect-secrets' AWS plugin
    // has them; secretlint's rule knows AKIA and ASIA. Key ids are base32 (A-Z, 2-7).
    // AWS's documentation examples end in EXAMPLE (secretlint allows them too).
    validate: (id) =>
      id.endsWith('EXAMPLE') ? undefined : ['a documented AWS key-id prefix and 16 base32 characters'],
    pattern: new RegExp(
      String.raw`${EDGE}(?:A3T[A-Z0-9]|ABIA|ACCA|AGPA|AIDA|AIPA|AKIA|ANPA|ANVA|APKA|AROA|ASCA|ASIA)[A-Z2-7]{16}${END}`,
      'g',
    ),
    base: 0.9,
    tokenLike: true,
  },
  {
    code: 'secret/openai-api-key',
    keywords: ['t3blbkfj'],
    message: 'OpenAI API key',
    // Project, service-account and admin keys (sk-proj-…, sk-svcacct-…, sk-admin-…) and the legacy form all
    // carry the "T3BlbkFJ" marker (base64 of "OpenAI"), as gitleaks' and detect-secrets' rules require: a
    // `sk-proj-` string without it is no key OpenAI issued. Runs are bounded, so a match is linear.
    pattern: new RegExp(
      String.raw`${EDGE}sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,200}${END}`,
      'g',
    ),
    base: 0.95,
    tokenLike: true,
  },
  {
    code: 'secret/npm-token',
    keywords: ['/:_auth'],
    message: 'npm auth token (.npmrc)',
    // An .npmrc credential line: `//<registry host>[/path]/:_authToken=…` or `…/:_auth=…` (base64 user:password),
    // as npm writes them and detect-secrets reads them. Legacy tokens are UUIDs and other registries issue any
    // string, so the line, not the value's shape, says what it is; `${NPM_TOKEN}` is a reference, not a secret.
    pattern: /(?<![^\s"'])\/\/[^\s\/:]+(?:\/[^\s:]{0,200})?\/:_auth(?:Token)?[ \t]*=[ \t]*(?!\$\{)([^\s"']+)/g,
    base: 0.9,
    tokenLike: false,
    identifiedBy: 'an .npmrc credential line (//registry/:_authToken=…)',
  },
  {
    code: 'secret/aws-secret-key',
    keywords: ['aws', 'secret'],
    message: 'AWS secret access key',
    // 40 base64 characters assigned to a key whose name says AWS or secret (`aws_thingy:`, `some_secret_key=`),
    // as detect-secrets' AWS secret-key plugin reads them; other 40-character strings are not claimed.
    pattern:
      /(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{0,30}?(?:aws|secret)[A-Za-z0-9_.-]{0,30}?["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([A-Za-z0-9\/+]{40})(?![A-Za-z0-9\/+=])/gi,
    base: 0.85,
    tokenLike: true,
    // AWS's documentation key (…EXAMPLEKEY) is allow-listed, as secretlint's AWS rule does.
    validate: (key) =>
      !key.endsWith('EXAMPLEKEY') && /[a-z]/.test(key) && /[A-Z]/.test(key) && /[0-9\/+]/.test(key)
        ? ['40 base64 characters assigned to an AWS or secret key name']
        : undefined,
  },
  {
    code: 'secret/slack-token',
    keywords: ['xoxs-'],
    message: 'Slack token',
    // Legacy session tokens (xoxs-), which secretlint's Slack rule does not know; the other prefixes are its.
    pattern: new RegExp(String.raw`${EDGE}xoxs-(?:[A-Za-z0-9]{1,40}-){1,6}[A-Za-z0-9]{1,40}${END}`, 'g'),
    base: 0.9,
    tokenLike: true,
  },
  {
    code: 'secret/private-key',
    keywords: ['putty-user-key-file-'],
    message: 'Private key (PuTTY key file)',
    // A PuTTY .ppk file starts with this line (its format document); the key follows in the file.
    pattern: /PuTTY-User-Key-File-[23](?![\w-])/g,
    base: 0.85,
    tokenLike: false,
  },
  {
    code: 'secret/azure-client-secret',
    keywords: ['client_secret', 'clientsecret', 'client-secret'],
    message: 'Azure Entra ID (AD) client secret',
    // The older secrets have no "Q~" marker: only an Azure client-secret key (or client_secret next to a tenant
    // or the Microsoft login host) says what they are.
    pattern:
      /(?<![A-Za-z0-9])(azure[_-]?client[_-]?secret|client[_-]?secret)["']?\s*[:=]\s*["']?([A-Za-z0-9_~.-]{32,44})(?![\w~.-])/gi,
    base: 0.8,
    tokenLike: true,
    context: /azure|tenant|microsoftonline|entra/i,
    identifiedBy: 'assigned to a client-secret key, with Azure named nearby',
  },
  {
    code: 'secret/gcp-service-account-key',
    keywords: ['private_key_id'],
    message: 'Google Cloud service-account key',
    // A service-account key file is JSON with "type": "service_account" and a 40-hex "private_key_id" beside
    // the PEM key; the structure, not one string, is what identifies it.
    pattern: /"private_key_id"\s*:\s*"([0-9a-f]{40})"/g,
    base: 0.95,
    tokenLike: false,
    context: /"type"\s*:\s*"service_account"/,
    identifiedBy: 'the private_key_id of JSON whose "type" is "service_account"',
  },
  {
    code: 'secret/twilio-api-key',
    keywords: ['sk'],
    message: 'Twilio API key',
    pattern: new RegExp(String.raw`${EDGE}SK[0-9a-f]{32}${END}`, 'g'),
    base: 0.75,
    tokenLike: true,
  },
  {
    code: 'secret/huggingface-token',
    keywords: ['hf_'],
    message: 'Hugging Face access token',
    pattern: new RegExp(String.raw`${EDGE}hf_[A-Za-z]{34}${END}`, 'g'),
    base: 0.9,
    tokenLike: true,
  },
];

/**
 * A JWT: the header decodes to a JSON object naming an algorithm and the payload to a JSON object. Signed
 * tokens have three parts; two parts (or an empty signature) are an unsecured token, still a bearer of claims.
 */
function jwtEvidence(token: string): string[] | undefined {
  const [header, payload, signature] = token.split('.');
  const decodedHeader = decodeJsonSegment(header ?? '');
  const decodedPayload = decodeJsonSegment(payload ?? '');
  const algorithm = decodedHeader?.['alg'];
  if (!decodedPayload || typeof algorithm !== 'string') return undefined;
  // "alg": "none" with a signature is no token any library issues: a test fixture or a forgery.
  if (algorithm.toLowerCase() === 'none' && signature) return undefined;
  const claims = Object.keys(decodedPayload).slice(0, 6).join(', ');
  const signed = signature !== undefined && signature.length >= 16 && algorithm.toLowerCase() !== 'none';
  const how = signed
    ? `signed with ${algorithm}`
    : `unsigned (${signature === undefined ? 'two parts' : 'no signature'}, alg ${algorithm})`;
  return [`header decodes to JSON, ${how}`, `payload claims: ${claims || 'none'}`];
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // not base64url JSON: not a JWT segment
  }
}
