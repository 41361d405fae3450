// Candidate encoded payloads in a prompt. Each is decoded here; the caller re-scans the decoded text with the
// phrase rules and reports only payloads that hide an instruction (base64 images and hashes stay quiet).

export type PayloadEncoding =
  | 'base64'
  | 'hex'
  | 'url-encoding'
  | 'unicode-escapes'
  | 'html-entities'
  | 'rot13'
  | 'reversed';

export interface EncodedPayload {
  start: number;
  end: number;
  encoding: PayloadEncoding;
  decoded: string;
}

/** Decoded bytes must read as text: letters, spaces and punctuation, no control bytes. */
export function looksLikeText(decoded: string): boolean {
  if (decoded.length < 8 || decoded.includes('\uFFFD')) return false;
  let readable = 0;
  for (const char of decoded) if (/[\p{L}\p{N}\p{P}\p{Zs}\n\r\t]/u.test(char)) readable++;
  return readable / [...decoded].length >= 0.95 && /\p{L}{2,}/u.test(decoded) && /\s/.test(decoded);
}

// Each pattern finds a maximal run and leaves the rest to code, so that it runs in linear time: the old
// base64 pattern split a run into groups of four in exponentially many ways when its length was 1 or 2 mod 4.
/** A whole run of the base64 alphabets (standard or URL-safe) with its padding; its length is checked in code. */
const BASE64 = /(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/_=-])/g;
const HEX = /(?<![0-9A-Za-z\\])(?:(?:\\x|0x)?[0-9A-Fa-f]{2}[ \t:,]?){12,}/g;
/** A whole whitespace-delimited token with at least four %XX escapes. */
const PERCENT = /(?<!\S)(?:[^\s%]*%[0-9A-Fa-f]{2}){4,}[^\s%]*/g;
const UNICODE_ESCAPES = /(?:\\u(?:[0-9A-Fa-f]{4}|\{[0-9A-Fa-f]+\})){4,}/g;
const HTML_ENTITIES = /(?:&#(?:x[0-9A-Fa-f]+|\d+);){4,}/g;

/** Base64 text is whole quanta: 4n characters with padding, or 4n+2 / 4n+3 without; one alphabet, not both. */
function isBase64Shaped(candidate: string): boolean {
  const body = candidate.replace(/={1,2}$/, '');
  const padding = candidate.length - body.length;
  if (body.length % 4 === 1 || (padding > 0 && candidate.length % 4 !== 0)) return false;
  return !(/[+/]/.test(body) && /[_-]/.test(body));
}

function decodeBase64(candidate: string): string | undefined {
  if (!isBase64Shaped(candidate)) return undefined;
  // Words and identifiers match the alphabet too: real payloads mix case and digits or end in padding.
  if (!/[0-9+/=_-]/.test(candidate) && !(/[a-z]/.test(candidate) && /[A-Z]/.test(candidate))) return undefined;
  const decoded = Buffer.from(candidate.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return looksLikeText(decoded) ? decoded : undefined;
}

function decodeHex(candidate: string): string | undefined {
  const digits = candidate.replace(/\\x|0x|[\s:,]/g, '');
  if (digits.length % 2 !== 0) return undefined;
  const decoded = Buffer.from(digits, 'hex').toString('utf8');
  return looksLikeText(decoded) ? decoded : undefined;
}

function decodePercent(candidate: string): string | undefined {
  try {
    const decoded = decodeURIComponent(candidate.replace(/\+/g, ' '));
    return decoded !== candidate && looksLikeText(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

function decodeUnicodeEscapes(candidate: string): string | undefined {
  let valid = true;
  const decoded = candidate.replace(
    /\\u\{([0-9A-Fa-f]+)\}|\\u([0-9A-Fa-f]{4})/g,
    (_, braced: string | undefined, plain: string | undefined) => {
      const code = parseInt(braced ?? plain ?? '0', 16);
      if (code > 0x10ffff) valid = false;
      return valid ? String.fromCodePoint(code) : '';
    },
  );
  if (!valid) return undefined;
  return /\p{L}{2,}/u.test(decoded) ? decoded : undefined;
}

function decodeHtmlEntities(candidate: string): string | undefined {
  let valid = true;
  const decoded = candidate.replace(/&#(x[0-9A-Fa-f]+|\d+);/g, (_, body: string) => {
    const code = body.startsWith('x') ? parseInt(body.slice(1), 16) : parseInt(body, 10);
    if (!(code <= 0x10ffff)) valid = false;
    return valid ? String.fromCodePoint(code) : '';
  });
  if (!valid) return undefined;
  return /\p{L}{2,}/u.test(decoded) ? decoded : undefined;
}

const BASE64_CHAR = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-')
  BASE64_CHAR[char.charCodeAt(0)] = 1;

/**
 * Whether `text` holds 16 base64-alphabet characters in a row: a loop, because `/[A-Za-z0-9+/_-]{16}/` tries 16
 * characters again from every position of every word, a tenth of the prompt checks on ordinary prose.
 */
const mayHoldBase64 = {
  test(text: string): boolean {
    let run = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      run = code < 128 && BASE64_CHAR[code] === 1 ? run + 1 : 0;
      if (run >= 16) return true;
    }
    return false;
  },
};

/** Each encoding with a cheap test that the text could hold it, its pattern and its decoder. */
const DECODERS: Array<[PayloadEncoding, Pick<RegExp, 'test'>, RegExp, (candidate: string) => string | undefined]> = [
  ['base64', mayHoldBase64, BASE64, decodeBase64],
  ['hex', /[0-9A-Fa-f]{2}[ \t:,]?[0-9A-Fa-f]{2}/, HEX, decodeHex],
  ['url-encoding', /%[0-9A-Fa-f]{2}/, PERCENT, decodePercent],
  ['unicode-escapes', /\\u/, UNICODE_ESCAPES, decodeUnicodeEscapes],
  ['html-entities', /&#/, HTML_ENTITIES, decodeHtmlEntities],
];

/** Runs of encoded text that decode to readable text. */
export function findEncodedPayloads(text: string): EncodedPayload[] {
  const payloads: EncodedPayload[] = [];
  for (const [encoding, mayHold, pattern, decode] of DECODERS) {
    if (!mayHold.test(text)) continue;
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
      const decoded = decode(found[0].trim());
      if (decoded !== undefined)
        payloads.push({ start: found.index, end: found.index + found[0].trimEnd().length, encoding, decoded });
    }
  }
  return payloads;
}

export function rot13(text: string): string {
  return text.replace(/[a-zA-Z]/g, (char) => {
    const base = char <= 'Z' ? 65 : 97;
    return String.fromCharCode(((char.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Asking the model to decode something is what makes rot13 or reversed text a payload worth decoding. */
export const DECODING_HINT =
  /\b(?:rot-?\s?13|caesar|cipher|decode|decrypt|deobfuscate|backwards|reversed?|reverse (?:order|the text)|read (?:it )?(?:from )?right to left)\b/i;
