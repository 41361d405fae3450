/**
 * Context and confidence: the column a value sits in and the words around a match make a detector more or
 * less sure, the way Presidio's context enhancer does (words just before a match raise its score).
 */
import type { DetectorInput } from './types';

/** The kinds of sensitive data the detectors know, each with its own context words. */
export type SensitiveKind = 'email' | 'phone' | 'credit-card' | 'iban' | 'us-ssn' | 'ip' | 'crypto-address' | 'secret';

/** Words that name each kind. Keywords of 4+ letters also match as a prefix or suffix ("cardNumber", "useremail"). */
const KIND_WORDS: Record<SensitiveKind, readonly string[]> = {
  email: ['email', 'emails', 'mail', 'mailto', 'contact'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'fax', 'call', 'sms', 'whatsapp', 'msisdn', 'contact'],
  'credit-card': ['card', 'cc', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'maestro', 'unionpay', 'pan', 'payment'],
  iban: ['iban', 'account', 'acct', 'bank', 'sepa', 'bic', 'swift', 'transfer'],
  'us-ssn': ['ssn', 'ssns', 'social security', 'socialsecurity'],
  ip: ['ip', 'ipv4', 'ipv6', 'ipaddr', 'ipaddress', 'address', 'addr', 'host', 'remote', 'client', 'server'],
  'crypto-address': ['wallet', 'bitcoin', 'btc', 'eth', 'ethereum', 'crypto', 'address', 'payout'],
  secret: ['password', 'passwd', 'pwd', 'token', 'secret', 'key', 'apikey', 'api key', 'auth', 'credential', 'credentials', 'bearer', 'private'],
};

/** Column names that say the values are something else: identifiers, versions, times, digests, quantities. */
const CONTRARY_COLUMN_WORDS = new Set([
  'id', 'ids', 'uuid', 'guid', 'version', 'ver', 'rev', 'revision', 'timestamp', 'ts', 'time', 'date', 'datetime',
  'created', 'updated', 'sha', 'sha1', 'sha256', 'md5', 'hash', 'checksum', 'digest', 'commit', 'build', 'sku',
  'order', 'seq', 'sequence', 'index', 'idx', 'count', 'zip', 'zipcode', 'postal', 'postcode', 'isbn', 'row',
  'line', 'price', 'amount', 'total', 'qty', 'quantity', 'lat', 'lon', 'latitude', 'longitude',
]);

const IDENTIFIER_WORDS = new Set(['id', 'ids', 'uuid', 'guid']);

/** Words just before or after a match in free text that say it is something else. */
const CONTRARY_NEARBY_WORDS = new Set([
  'version', 'ver', 'release', 'build', 'order', 'invoice', 'isbn', 'sha', 'commit', 'hash', 'uuid', 'guid',
  'checksum', 'tracking', 'sku', 'ref', 'reference',
]);

/** How far around a match free-text context words count (Presidio looks at about five words before). */
const WORDS_BEFORE = 5;
const WORDS_AFTER = 2;
const CHARS_BEFORE = 64;
const CHARS_AFTER = 32;

const COLUMN_BOOST = 0.25;
const NEARBY_BOOST = 0.2;
const CONTRARY_PENALTY = 0.3;

export interface ContextSignal {
  /** The column or a nearby word names this kind of data. */
  supports: boolean;
  /** The column or a nearby word says the value is something else (and nothing supports it). */
  contradicts: boolean;
  boost: number;
  evidence: string[];
}

/** Splits a column name or text into lower-case words: `customerEmail_2` → customer, email, 2. */
export function wordsOf(text: string): string[] {
  return (text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

function matchesKeyword(word: string, keyword: string): boolean {
  if (word === keyword) return true;
  return keyword.length >= 4 && (word.startsWith(keyword) || word.endsWith(keyword));
}

/** The first keyword of `kind` found among `words` (multi-word keywords match consecutive words). */
function findKeyword(kind: SensitiveKind, words: readonly string[]): string | undefined {
  const joined = ` ${words.join(' ')} `;
  return KIND_WORDS[kind].find((keyword) =>
    keyword.includes(' ') ? joined.includes(` ${keyword} `) : words.some((word) => matchesKeyword(word, keyword)),
  );
}

function nearbyWords(value: string, start: number, end: number): string[] {
  const before = wordsOf(value.slice(Math.max(0, start - CHARS_BEFORE), start)).slice(-WORDS_BEFORE);
  const after = wordsOf(value.slice(end, end + CHARS_AFTER)).slice(0, WORDS_AFTER);
  return [...before, ...after];
}

/**
 * What the column and the words around `[start, end)` say about a match of `kind`.
 * Secrets ignore contrary signals: a credential is dangerous whatever its column is called.
 */
export function contextSignal(kind: SensitiveKind, input: DetectorInput, start: number, end: number): ContextSignal {
  const columnWords = wordsOf(input.context.column);
  const columnKeyword = findKeyword(kind, columnWords);
  if (columnKeyword) {
    return { supports: true, contradicts: false, boost: COLUMN_BOOST, evidence: [`column '${input.context.column}' names ${kindLabel(kind)}`] };
  }
  const nearby = nearbyWords(input.value, start, end);
  const nearbyKeyword = findKeyword(kind, nearby);
  if (nearbyKeyword) {
    return { supports: true, contradicts: false, boost: NEARBY_BOOST, evidence: [`context word '${nearbyKeyword}' nearby`] };
  }
  if (kind === 'secret') return { supports: false, contradicts: false, boost: 0, evidence: [] };
  const contraryColumn = columnWords.find((word) => CONTRARY_COLUMN_WORDS.has(word));
  if (contraryColumn) {
    const what = IDENTIFIER_WORDS.has(contraryColumn) ? 'identifiers' : `${contraryColumn} values`;
    return lowered(`column '${input.context.column}' suggests ${what}, not ${kindLabel(kind)}; confidence lowered`);
  }
  const contraryWord = nearby.find((word) => CONTRARY_NEARBY_WORDS.has(word));
  if (contraryWord) return lowered(`context word '${contraryWord}' nearby suggests something else; confidence lowered`);
  return { supports: false, contradicts: false, boost: 0, evidence: [] };
}

function lowered(reason: string): ContextSignal {
  return { supports: false, contradicts: true, boost: -CONTRARY_PENALTY, evidence: [reason] };
}

/** Base confidence adjusted by context, kept in [0.05, 1] and rounded to hundredths so scores compare exactly. */
export function scoreWithContext(base: number, signal: ContextSignal): number {
  const adjusted = Math.min(1, Math.max(0.05, base + signal.boost));
  return Math.round(adjusted * 100) / 100;
}

function kindLabel(kind: SensitiveKind): string {
  const labels: Record<SensitiveKind, string> = {
    email: 'email addresses',
    phone: 'phone numbers',
    'credit-card': 'card numbers',
    iban: 'bank accounts',
    'us-ssn': 'social security numbers',
    ip: 'IP addresses',
    'crypto-address': 'crypto wallets',
    secret: 'credentials',
  };
  return labels[kind];
}

/** Confidence at or above which a finding is an error: validated structure (checksum, issuer range) or strong context. */
export const ERROR_CONFIDENCE = 0.8;
/** Confidence at or above which a finding is a warning; below it, information. */
export const WARNING_CONFIDENCE = 0.5;

/**
 * Severity of a detector match. Thresholds: confidence ≥ 0.8 → error (a checksum-validated number, a
 * structured credential, or a match its column confirms); ≥ 0.5 → warning; otherwise information
 * (private IP ranges, well-known test numbers, matches whose column says they are something else).
 */
export function severityForConfidence(confidence: number): 'error' | 'warning' | 'information' {
  if (confidence >= ERROR_CONFIDENCE) return 'error';
  if (confidence >= WARNING_CONFIDENCE) return 'warning';
  return 'information';
}
