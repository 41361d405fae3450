/**
 * Context and confidence: the column a value sits in and the words around a match make a detector more or
 * less sure, the way Presidio's context enhancer does (words just before a match raise its score).
 */
import type { DetectorInput } from './types';

/** The kinds of sensitive data the detectors know, each with its own context words. */
export type SensitiveKind = 'email' | 'phone' | 'credit-card' | 'iban' | 'us-ssn' | 'ip' | 'crypto-address' | 'secret';

/** Words that name each kind. Keywords of 4+ letters also match as a prefix or suffix ("cardNumber", "useremail"). */
export const KIND_WORDS: Record<SensitiveKind, readonly string[]> = {
  email: ['email', 'emails', 'mail', 'mailto', 'contact'],
  // Presidio's phone context ("phone", "number", "telephone", "cell", "mobile", "call"), with "number" only in
  // phrases: alone, it would make every cardNumber or orderNumber column a phone column.
  phone: [
    'phone',
    'telephone',
    'tel',
    'mobile',
    'cell',
    'cellphone',
    'fax',
    'call',
    'sms',
    'whatsapp',
    'msisdn',
    'contact',
    'my number',
    'number is',
    'numbers are',
    'phone no',
    'tel no',
    'landline',
    'telefon',
    'text me',
    'reach me',
    'ring me',
    'viber',
    'signal',
  ],
  'credit-card': [
    'card',
    'cc',
    'credit',
    'debit',
    'visa',
    'mastercard',
    'amex',
    'discover',
    'jcb',
    'diners',
    'maestro',
    'unionpay',
    'pan',
    'payment',
  ],
  iban: ['iban', 'account', 'acct', 'bank', 'sepa', 'bic', 'swift', 'transfer'],
  'us-ssn': ['ssn', 'ssns', 'social security', 'socialsecurity'],
  ip: ['ip', 'ipv4', 'ipv6', 'ipaddr', 'ipaddress', 'address', 'addr', 'host', 'remote', 'client', 'server'],
  'crypto-address': ['wallet', 'bitcoin', 'btc', 'eth', 'ethereum', 'crypto', 'address', 'payout'],
  secret: [
    'password',
    'passwd',
    'pwd',
    'token',
    'secret',
    'key',
    'apikey',
    'api key',
    'auth',
    'credential',
    'credentials',
    'bearer',
    'private',
  ],
};

/** Column names that say the values are something else: identifiers, versions, times, digests, quantities. */
const CONTRARY_COLUMN_WORDS = new Set([
  'id',
  'ids',
  'uuid',
  'guid',
  'version',
  'ver',
  'rev',
  'revision',
  'timestamp',
  'ts',
  'time',
  'date',
  'datetime',
  'created',
  'updated',
  'sha',
  'sha1',
  'sha256',
  'md5',
  'hash',
  'checksum',
  'digest',
  'commit',
  'build',
  'sku',
  'order',
  'seq',
  'sequence',
  'index',
  'idx',
  'count',
  'zip',
  'zipcode',
  'postal',
  'postcode',
  'isbn',
  'row',
  'line',
  'price',
  'amount',
  'total',
  'qty',
  'quantity',
  'lat',
  'lon',
  'latitude',
  'longitude',
]);

const IDENTIFIER_WORDS = new Set(['id', 'ids', 'uuid', 'guid']);

/** Words just before or after a match in free text that say it is something else. */
const CONTRARY_NEARBY_WORDS = new Set([
  'version',
  'ver',
  'release',
  'build',
  'order',
  'invoice',
  'isbn',
  'sha',
  'commit',
  'hash',
  'uuid',
  'guid',
  'checksum',
  'tracking',
  'sku',
  'ref',
  'reference',
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

/**
 * Case-insensitive tests for "some word here could be a keyword": every word `wordsOf` returns is an ASCII run
 * of the text, lower-cased, and a keyword matches a word it equals, starts or ends, so a text in which none of
 * a kind's keyword parts occurs cannot hold one. Splitting a window into words costs far more than this test,
 * and almost every window of a large dataset fails it.
 */
function hintOf(keywords: Iterable<string>): RegExp {
  const parts = new Set([...keywords].flatMap((keyword) => keyword.split(' ')));
  return new RegExp([...parts].join('|'), 'i');
}

const KIND_HINTS = Object.fromEntries(
  Object.entries(KIND_WORDS).map(([kind, keywords]) => [kind, hintOf(keywords)]),
) as Record<SensitiveKind, RegExp>;
const CONTRARY_NEARBY_HINT = hintOf(CONTRARY_NEARBY_WORDS);

/** What a column name says, worked out once per name: a file has few columns and millions of cells. */
interface ColumnContext {
  words: readonly string[];
  keywords: Partial<Record<SensitiveKind, string>>;
  contrary: string | undefined;
  /** The signal of a column that names a kind, made once per kind: the same object (and evidence) for every match. */
  named: Partial<Record<SensitiveKind, ContextSignal>>;
}

/** Bounded, since JSON key paths come from the data; cleared when full (recomputing is cheap). */
const MAX_REMEMBERED_COLUMNS = 4096;
const columnContexts = new Map<string, ColumnContext>();

function columnContextOf(column: string): ColumnContext {
  let known = columnContexts.get(column);
  if (known) return known;
  const words = wordsOf(column);
  const keywords: Partial<Record<SensitiveKind, string>> = {};
  for (const kind of Object.keys(KIND_WORDS) as SensitiveKind[]) {
    const keyword = findKeyword(kind, words);
    if (keyword) keywords[kind] = keyword;
  }
  known = { words, keywords, contrary: words.find((word) => CONTRARY_COLUMN_WORDS.has(word)), named: {} };
  if (columnContexts.size >= MAX_REMEMBERED_COLUMNS) columnContexts.clear();
  columnContexts.set(column, known);
  return known;
}

/** The words of a column name (memoised: called for every match). */
export function columnWords(column: string): readonly string[] {
  return columnContextOf(column).words;
}

/** The text around a match that nearby words are read from (a superset: the match itself is included). */
function nearbyWindow(value: string, start: number, end: number): string {
  return value.slice(Math.max(0, start - CHARS_BEFORE), end + CHARS_AFTER);
}

function nearbyWords(value: string, start: number, end: number): string[] {
  const before = wordsOf(value.slice(Math.max(0, start - CHARS_BEFORE), start)).slice(-WORDS_BEFORE);
  const after = wordsOf(value.slice(end, end + CHARS_AFTER)).slice(0, WORDS_AFTER);
  return [...before, ...after];
}

/** Whether the column's name says it holds `kind` (e.g. `phone`, `customerPhone`). */
export function columnNamesKind(column: string, kind: SensitiveKind): boolean {
  return columnContextOf(column).keywords[kind] !== undefined;
}

/**
 * False when nothing in the column or the value can support `kind`, so `contextSignal(kind, …).supports` is
 * false for every match in the value: detectors whose matches need support skip the value at once.
 */
export function mayHaveSupport(kind: SensitiveKind, input: DetectorInput): boolean {
  return columnNamesKind(input.context.column, kind) || KIND_HINTS[kind].test(input.value);
}

/**
 * What the column and the words around `[start, end)` say about a match of `kind`.
 * Secrets ignore contrary signals: a credential is dangerous whatever its column is called.
 */
export function contextSignal(kind: SensitiveKind, input: DetectorInput, start: number, end: number): ContextSignal {
  const column = columnContextOf(input.context.column);
  if (column.keywords[kind]) return (column.named[kind] ??= columnSignal(kind, input.context.column));
  const window = nearbyWindow(input.value, start, end);
  const mentionsKind = KIND_HINTS[kind].test(window);
  const mentionsContrary = kind !== 'secret' && column.contrary === undefined && CONTRARY_NEARBY_HINT.test(window);
  const nearby = mentionsKind || mentionsContrary ? nearbyWords(input.value, start, end) : [];
  const nearbyKeyword = mentionsKind ? findKeyword(kind, nearby) : undefined;
  if (nearbyKeyword) {
    return {
      supports: true,
      contradicts: false,
      boost: NEARBY_BOOST,
      evidence: [`context word '${nearbyKeyword}' nearby`],
    };
  }
  if (kind === 'secret') return noSignal();
  if (column.contrary) {
    const what = IDENTIFIER_WORDS.has(column.contrary) ? 'identifiers' : `${column.contrary} values`;
    return lowered(`column '${input.context.column}' suggests ${what}, not ${kindLabel(kind)}; confidence lowered`);
  }
  const contraryWord = mentionsContrary ? nearby.find((word) => CONTRARY_NEARBY_WORDS.has(word)) : undefined;
  if (contraryWord) return lowered(`context word '${contraryWord}' nearby suggests something else; confidence lowered`);
  return noSignal();
}

/**
 * A column that names `kind`: frozen, for it is shared by every match in the column (millions in a large table),
 * and so is its evidence, which lets a report line be made once per column (findings/reportLine.ts).
 */
function columnSignal(kind: SensitiveKind, column: string): ContextSignal {
  const evidence = Object.freeze([`column '${column}' names ${kindLabel(kind)}`]) as string[];
  return Object.freeze({ supports: true, contradicts: false, boost: COLUMN_BOOST, evidence });
}

function noSignal(): ContextSignal {
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
