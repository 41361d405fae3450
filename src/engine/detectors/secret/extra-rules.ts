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
  /** Extra checks on the secret: evidence when it holds, undefined to drop the match. */
  validate?: (secret: string) => string[] | undefined;
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
    pattern: new RegExp(String.raw`${EDGE}sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA${END}`, 'g'),
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
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glcbt-', 'glptt-', 'glsoat-', 'glft-', 'glimt-', 'glagent-', 'gloas-', 'gr1348941'],
    message: 'GitLab token',
    pattern: new RegExp(
      String.raw`${EDGE}(?:(?:glpat|gldt|glrt|glcbt|glptt|glsoat|glft|glimt|glagent|gloas)-[0-9A-Za-z_-]{20,}|GR1348941[0-9A-Za-z_-]{20})${END}`,
      'g',
    ),
    base: 0.95,
    tokenLike: true,
  },
  {
    code: 'secret/stripe-key',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_'],
    message: 'Stripe secret key',
    pattern: new RegExp(String.raw`${EDGE}(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,247}|whsec_[0-9A-Za-z]{32,})${END}`, 'g'),
    base: 0.95,
    tokenLike: true,
    lowerWhen: { pattern: /^(?:sk|rk)_test_/, base: 0.7, evidence: 'test-mode key: no live payments, still account access' },
  },
  {
    code: 'secret/jwt',
    keywords: ['eyj'],
    message: 'JSON Web Token',
    pattern: new RegExp(String.raw`${EDGE}eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}${END}`, 'g'),
    base: 0.85,
    tokenLike: false,
    validate: jwtEvidence,
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

/** A signed JWT: header and payload decode to JSON objects and the header names a signing algorithm. */
function jwtEvidence(token: string): string[] | undefined {
  const [header, payload] = token.split('.');
  const decodedHeader = decodeJsonSegment(header ?? '');
  const decodedPayload = decodeJsonSegment(payload ?? '');
  const algorithm = decodedHeader?.['alg'];
  if (!decodedPayload || typeof algorithm !== 'string' || algorithm.toLowerCase() === 'none') return undefined;
  const claims = Object.keys(decodedPayload).slice(0, 6).join(', ');
  return [`header decodes to JSON, signed with ${algorithm}`, `payload claims: ${claims || 'none'}`];
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not base64url JSON: not a JWT segment
  }
}
