// AssemblyScript, compiled by esbuild.mjs into csvRowsWasm.ts (not TypeScript: excluded from tsc and eslint).
//
// The plain rows of a CSV/TSV buffer with the prefilter's gates of every field: what parse/csvBytes.ts
// `CsvByteRows` with detectors/shape.ts `ByteGates` answers, for the rows it reads without trouble. Written as
// WebAssembly because that reader is bound by its fields (11.7 M of 8.6 bytes in the 100 MB bench table), about 30 %
// of a thread's scan: a SIMD pass builds seven 64-bit masks per 64 bytes, and fields are then found with `ctz` on
// the stop masks and counted with `popcnt` on ranges, in about half the JS reader's time. It reads a row only if the
// row ends before the buffer does, has no line break or NUL inside quotes, no stray quote, no field over
// `maxField` and no more than `maxColumns` fields; at any other row it stops, and the JS reader reads that one
// (scan/kernelRows.ts), so the JS reader's semantics stay the only ones. A test compares the two on every fixture
// and on generated tables.

const LF: i32 = 10;
const CR: i32 = 13;
const QUOTE: i32 = 34;
const NUL: i32 = 0;

// The gates of detectors/shape.ts `Gate`, and its gatesFromCounts below: a test compares every field's gates.
const G_EMAIL: i32 = 1;
const G_PHONE: i32 = 2;
const G_CARD: i32 = 4;
const G_SSN: i32 = 8;
const G_IBAN: i32 = 16;
const G_IP: i32 = 32;
const G_CRYPTO: i32 = 64;
const G_SECRET: i32 = 128;
const G_PHONE_COL: i32 = 256;

// The masks of a 64-byte block, one after another (one cache line per block).
const QSTOP: i32 = 0; // quote, LF, CR, NUL
const DELIM: i32 = 1;
const DIGIT: i32 = 2;
const LETTER: i32 = 3;
const CAPITAL: i32 = 4;
const NONTOKEN: i32 = 5; // breaks a token run: not A-Z a-z 0-9 _ / ~ = + - .
const RARE: i32 = 6; // @ : . + - = ; >

let input: usize = 0;
let rowsOut: usize = 0;
let fieldsOut: usize = 0;
let masks: usize = 0;

/** Where the caller reads on (a row start, or where the rows ran out), and the line there, counted from `at`. */
export let stopAt: i32 = 0;
export let stopLine: i32 = 0;

/** The regions of memory: the buffer, the row and field records written, the masks (64 bytes per 64 bytes). */
export function layout(inputAt: usize, rowsAt: usize, fieldsAt: usize, masksAt: usize): void {
  input = inputAt;
  rowsOut = rowsAt;
  fieldsOut = fieldsAt;
  masks = masksAt;
}

// @ts-ignore: decorator
@inline
function maskAt(kind: i32, block: i32): u64 {
  return load<u64>(masks + ((<usize>block) << 6) + ((<usize>kind) << 3));
}

// @ts-ignore: decorator
@inline
function byteAt(i: i32): i32 {
  return <i32>load<u8>(input + <usize>i);
}

// @ts-ignore: decorator
@inline
function within(v: v128, low: i8, high: i8): v128 {
  return v128.and(i8x16.ge_u(v, i8x16.splat(low)), i8x16.le_u(v, i8x16.splat(high)));
}

// @ts-ignore: decorator
@inline
function is(v: v128, byte: i8): v128 {
  return i8x16.eq(v, i8x16.splat(byte));
}

/** The masks of the buffer's `length` bytes; the caller zeroes the bytes from `length` to the block's end. */
export function classify(length: i32, delimiter: i32): void {
  const blocks = (length + 63) >> 6;
  for (let b = 0; b < blocks; b++) {
    let qstop: u64 = 0;
    let delim: u64 = 0;
    let digit: u64 = 0;
    let letter: u64 = 0;
    let capital: u64 = 0;
    let nontoken: u64 = 0;
    let rare: u64 = 0;
    for (let k = 0; k < 4; k++) {
      const v = v128.load(input + ((<usize>b) << 6) + ((<usize>k) << 4));
      const stops = v128.or(v128.or(is(v, 34), is(v, 10)), v128.or(is(v, 13), is(v, 0)));
      const digits = within(v, 48, 57);
      const upper = within(v, 65, 90);
      const lower = within(v, 97, 122);
      const dot = is(v, 46);
      const plus = is(v, 43);
      const dash = is(v, 45);
      const equals = is(v, 61);
      const assignment = v128.or(equals, v128.or(is(v, 59), is(v, 62)));
      const punctuation = v128.or(v128.or(is(v, 95), is(v, 47)), v128.or(is(v, 126), equals));
      const token = v128.or(
        v128.or(v128.or(digits, upper), v128.or(lower, punctuation)),
        v128.or(v128.or(plus, dash), dot),
      );
      const rareOnes = v128.or(v128.or(v128.or(is(v, 64), is(v, 58)), v128.or(dot, plus)), v128.or(dash, assignment));
      const shift = <u64>(k << 4);
      qstop |= (<u64>i8x16.bitmask(stops)) << shift;
      delim |= (<u64>i8x16.bitmask(i8x16.eq(v, i8x16.splat(<i8>delimiter)))) << shift;
      digit |= (<u64>i8x16.bitmask(digits)) << shift;
      letter |= (<u64>i8x16.bitmask(v128.or(upper, lower))) << shift;
      capital |= (<u64>i8x16.bitmask(upper)) << shift;
      nontoken |= (<u64>(~i8x16.bitmask(token) & 0xffff)) << shift;
      rare |= (<u64>i8x16.bitmask(rareOnes)) << shift;
    }
    const at = masks + ((<usize>b) << 6);
    store<u64>(at, qstop);
    store<u64>(at, delim, 8);
    store<u64>(at, digit, 16);
    store<u64>(at, letter, 24);
    store<u64>(at, capital, 32);
    store<u64>(at, nontoken, 40);
    store<u64>(at, rare, 48);
  }
}

/** The bits of mask `kind` in block `b` that lie in [s, e). */
// @ts-ignore: decorator
@inline
function bitsIn(kind: i32, b: i32, s: i32, e: i32): u64 {
  let m = maskAt(kind, b);
  if (b == s >> 6) m &= (<u64>-1) << (<u64>(s & 63));
  if (b == (e - 1) >> 6) m &= (<u64>-1) >> (<u64>(63 - ((e - 1) & 63)));
  return m;
}

/** How many bits of mask `kind` lie in [s, e). */
// @ts-ignore: decorator
@inline
function countIn(kind: i32, s: i32, e: i32): i32 {
  let n = 0;
  for (let b = s >> 6; b <= (e - 1) >> 6; b++) n += <i32>popcnt(bitsIn(kind, b, s, e));
  return n;
}

/** The first stop (QSTOP, and DELIM when `delimited`) at or after `from`, or `length`. */
// @ts-ignore: decorator
@inline
function nextStop(from: i32, length: i32, delimited: bool): i32 {
  if (from >= length) return length;
  const blocks = (length + 63) >> 6;
  let b = from >> 6;
  let m = maskAt(QSTOP, b) | (delimited ? maskAt(DELIM, b) : 0);
  m &= (<u64>-1) << (<u64>(from & 63));
  while (m == 0) {
    if (++b >= blocks) return length;
    m = maskAt(QSTOP, b) | (delimited ? maskAt(DELIM, b) : 0);
  }
  return min((b << 6) + <i32>ctz(m), length);
}

let ats = 0;
let colons = 0;
let dots = 0;
let pluses = 0;
let assignments = 0;
let longestDash = 0;

/** The rare characters of [s, e), counted one by one as ByteGates counts them, with the longest run of dashes. */
function countRare(s: i32, e: i32): void {
  ats = colons = dots = pluses = assignments = longestDash = 0;
  let dashRun = 0;
  let lastDash = -2;
  for (let b = s >> 6; b <= (e - 1) >> 6; b++) {
    let m = bitsIn(RARE, b, s, e);
    while (m != 0) {
      const i = (b << 6) + <i32>ctz(m);
      m &= m - 1;
      const c = byteAt(i);
      if (c == 64) ats++;
      else if (c == 58) colons++;
      else if (c == 46) dots++;
      else if (c == 43) pluses++;
      else if (c == 45) {
        dashRun = lastDash == i - 1 ? dashRun + 1 : 1;
        lastDash = i;
        if (dashRun > longestDash) longestDash = dashRun;
      } else assignments++;
    }
  }
}

/** The longest run of token bytes in [s, e), or any length from 26 on (the largest a gate asks about). */
function longestRun(s: i32, e: i32): i32 {
  let runStart = s;
  let longest = 0;
  for (let b = s >> 6; b <= (e - 1) >> 6; b++) {
    let m = bitsIn(NONTOKEN, b, s, e);
    while (m != 0) {
      const i = (b << 6) + <i32>ctz(m);
      m &= m - 1;
      if (i - runStart > longest) {
        longest = i - runStart;
        if (longest >= 26) return longest;
      }
      runStart = i + 1;
    }
  }
  return max(longest, e - runStart);
}

/** The gates of the value bytes [s, e): gatesFromCounts of ByteGates' counts. */
function gatesOf(s: i32, e: i32): i32 {
  if (s >= e) return 0;
  const digits = countIn(DIGIT, s, e);
  const rare = countIn(RARE, s, e);
  const long = e - s >= 16;
  // ByteGates' own shortcut: no rare character, fewer than 7 digits, no 16-byte token run.
  if (rare == 0 && digits < 7 && !long) return 0;
  const letters = countIn(LETTER, s, e);
  const capitals = countIn(CAPITAL, s, e);
  if (rare != 0) countRare(s, e);
  else ats = colons = dots = pluses = assignments = longestDash = 0;
  const run = long ? longestRun(s, e) : 0;
  let gates = 0;
  if (ats > 0) gates |= G_EMAIL | G_SECRET;
  if (digits >= 7 && capitals >= 2) gates |= G_IBAN;
  if (digits >= 7) gates |= pluses > 0 || letters > 0 ? G_PHONE : G_PHONE_COL;
  if (digits >= 9) gates |= G_SSN;
  if (digits >= 12) gates |= G_CARD | G_SECRET;
  if ((dots >= 3 && digits >= 4) || colons >= 2) gates |= G_IP;
  if (run >= 26) gates |= G_CRYPTO;
  if (run >= 16 || longestDash >= 5) gates |= G_SECRET;
  if ((colons > 0 || assignments > 0) && letters >= 8) gates |= G_SECRET;
  return gates;
}

/**
 * The plain rows from `at` of the buffer's `length` bytes, at most `rowCap` of them with at most `fieldCap` fields
 * in all: how many. Each row record is 6 i32: fields, line (from `at`'s), start, end (before its line break), the
 * next row's start, its first field's index; each field record 4: value start, value end, flags (1 quoted, 2 with
 * doubled quotes), gates. `stopAt`/`stopLine` say where the caller reads on.
 */
export function rows(
  length: i32,
  at: i32,
  delimiter: i32,
  maxField: i32,
  maxColumns: i32,
  rowCap: i32,
  fieldCap: i32,
): i32 {
  let n = 0;
  let fieldsUsed = 0;
  let line = 0;
  for (;;) {
    stopAt = at;
    stopLine = line;
    if (n >= rowCap) return n;
    let pos = at;
    let rowLine = line;
    // Blank lines before the row, as CsvByteRows.next skips them.
    while (pos < length) {
      const c = byteAt(pos);
      if (c != LF && c != CR) break;
      if (c == CR && pos + 1 >= length) return n;
      pos += c == CR && byteAt(pos + 1) == LF ? 2 : 1;
      rowLine++;
    }
    if (pos >= length) return n;
    const rowStart = pos;
    let i = pos;
    let field = 0;
    let nextAt = 0;
    for (; ; field++) {
      if (field >= maxColumns || fieldsUsed + field >= fieldCap) return n;
      let valueStart = i;
      let valueEnd = 0;
      let flags = 0;
      if (i < length && byteAt(i) == QUOTE) {
        flags = 1;
        valueStart = ++i;
        for (;;) {
          i = nextStop(i, length, false);
          if (i + 1 >= length || byteAt(i) != QUOTE) return n;
          if (byteAt(i + 1) != QUOTE) break;
          flags |= 2;
          i += 2;
        }
        valueEnd = i++;
        const after = byteAt(i);
        if (after != delimiter && after != LF && after != CR) return n;
      } else {
        i = nextStop(i, length, true);
        valueEnd = i;
        if (i >= length) return n;
      }
      const c = byteAt(i);
      if (c == QUOTE || c == NUL) return n;
      if (valueEnd - valueStart > maxField) return n;
      const record = fieldsOut + ((<usize>(fieldsUsed + field)) << 4);
      store<i32>(record, valueStart);
      store<i32>(record, valueEnd, 4);
      store<i32>(record, flags, 8);
      store<i32>(record, gatesOf(valueStart, valueEnd), 12);
      if (c == delimiter) {
        i++;
        continue;
      }
      // A line break that ends the buffer may be half of a CRLF: the caller reads that row.
      if (i + 1 >= length) return n;
      nextAt = i + (c == CR && byteAt(i + 1) == LF ? 2 : 1);
      break;
    }
    const record = rowsOut + <usize>n * 24;
    store<i32>(record, field + 1);
    store<i32>(record, rowLine, 4);
    store<i32>(record, rowStart, 8);
    store<i32>(record, i, 12);
    store<i32>(record, nextAt, 16);
    store<i32>(record, fieldsUsed, 20);
    fieldsUsed += field + 1;
    n++;
    at = nextAt;
    line = rowLine + 1;
  }
  return n; // not reached: AssemblyScript wants a return after the loop
}
