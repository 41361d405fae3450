/**
 * How deep JSON may nest before it is reported instead of parsed. jsonc-parser (and Ajv, and our own record
 * splitter) recurse once per level: 8,000 levels overflow the stack and took the whole scan with them. Real
 * datasets and configs nest a handful of levels; 256 leaves room for any of them and keeps key paths short.
 */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const LF = 10;
const CR = 13;

/**
 * The offset of the first `[` or `{` in `text[from, to)` that opens a level deeper than `maxDepth`, or -1.
 * One linear pass that skips strings (their escapes included) and counts nothing else: it runs before the
 * recursive parser, so malformed input is fine here (a stray closer never takes the depth below 0).
 */
export function tooDeepAt(text: string, from = 0, to = text.length, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i + 1, to);
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) return i;
    } else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) {
      depth--;
    }
  }
  return -1;
}

/** The index of the closing quote of a string whose content starts at `from` (or where the line or text ends). */
function endOfString(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH) i++;
    else if (c === LF || c === CR) return i; // an unterminated string: jsonc-parser ends it here too
  }
  return to;
}

/** The message of a document or JSON Lines line nested too deeply. */
export function tooDeepMessage(what: 'document' | 'line', maxDepth = MAX_JSON_DEPTH): string {
  return `JSON nested deeper than ${maxDepth} levels: this ${what} is not read`;
}
