/**
 * The prefilter: one pass of character-class counts decides which detectors' gates are open (which detectors
 * can possibly match). `detectSensitiveData` runs only the detectors whose gate is open, and `mightContainSensitiveData` is "any
 * gate open", so the prefilter can never say no to a value on which a detector would report something.
 * Written by hand because it is the hot loop of a 1 GB scan: a lookup table and counters, no regex.
 */

const DIGIT = 1; // bit 0: `digits += flags & DIGIT` counts digits
const TOKEN = 2; // characters of tokens, keys and addresses: A-Z a-z 0-9 _ - + / = . ~
const AT = 4;
const COLON = 8;
const DOT = 16;
const DASH = 32;
const PLUS = 64;
const LETTER = 128; // bit 7: `letters += (flags >> 7) & 1` counts ASCII letters
const CAPITAL = 256; // bit 8: `capitals += flags >> 8` counts A-Z
const EQUALS = 512; // counted for secret assignments (`password = …`, `private_key "…";` by its ';', XML by '>')
/** Characters counted one by one (digits and letters are summed, token runs measured at their ends). */
const RARE = AT | COLON | DOT | DASH | PLUS | EQUALS;

const CHARACTER_CLASS = buildCharacterClasses();

function buildCharacterClasses(): Uint16Array {
  const table = new Uint16Array(128);
  const mark = (chars: string, flags: number) => {
    for (const char of chars) table[char.charCodeAt(0)] = (table[char.charCodeAt(0)] ?? 0) | flags;
  };
  mark('0123456789', DIGIT | TOKEN);
  mark('ABCDEFGHIJKLMNOPQRSTUVWXYZ', TOKEN | LETTER | CAPITAL);
  mark('abcdefghijklmnopqrstuvwxyz', TOKEN | LETTER);
  mark('_/~', TOKEN);
  mark('=', TOKEN | EQUALS);
  mark('+', TOKEN | PLUS);
  mark('-', TOKEN | DASH);
  mark('.', TOKEN | DOT);
  mark('@', AT);
  mark(':', COLON);
  mark(';', EQUALS);
  mark('>', EQUALS); // `<password>…</password>`
  return table;
}

/** One gate per detector, as bits of the mask `gatesOf` returns. ("Family" means a code prefix, `pii`.) */
export const Gate = {
  email: 1,
  phone: 2,
  creditCard: 4,
  usSsn: 8,
  iban: 16,
  ip: 32,
  cryptoAddress: 64,
  secret: 128,
  /** Phone numbers only if the column names them: the value has 7+ digits but neither '+' nor a letter. */
  phoneIfColumnNamesIt: 256,
} as const;

/**
 * The gates open for `value`, from one pass of counts (locals only: no allocation, since this runs
 * on every cell of a large file). Each gate is the least any match of that detector contains: an email has
 * '@'; a phone number 7+ digits (the shortest valid numbers, e.g. Niue +683 4002) and a '+' or a letter, or
 * else a column that names phones (`Gate.phoneIfColumnNamesIt`); a card number 12+ digits (Maestro's
 * shortest); an SSN 9; an IBAN 7+ and two capitals (every country format has them); an IPv4 4 digits and 3 dots,
 * an IPv6 two colons; a crypto address 26+ token characters; a secret a 16+ character token, a PEM armour
 * line, credentials in a URL ('@'), a 12-digit AWS account id, or a ':' or '=' with 8+ letters (a key assigned a
 * value). Only ASCII counts: digits of other
 * scripts are not detected.
 */
export function gatesOf(value: string): number {
  const length = value.length;
  let digits = 0,
    letters = 0,
    capitals = 0,
    ats = 0,
    colons = 0,
    dots = 0,
    pluses = 0,
    assignments = 0;
  // Runs are measured where they end, so a token character costs no bookkeeping; dashes are rare.
  let tokenRunStart = 0,
    longestTokenRun = 0,
    dashRun = 0,
    longestDashRun = 0,
    lastDash = -2;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    const flags = code < 128 ? (CHARACTER_CLASS[code] ?? 0) : 0;
    digits += flags & DIGIT;
    letters += (flags >> 7) & 1;
    capitals += (flags >> 8) & 1;
    if ((flags & TOKEN) === 0) {
      if (i - tokenRunStart > longestTokenRun) longestTokenRun = i - tokenRunStart;
      tokenRunStart = i + 1;
    }
    if ((flags & RARE) === 0) continue;
    if (flags & AT) ats++;
    else if (flags & COLON) colons++;
    else if (flags & DOT) dots++;
    else if (flags & PLUS) pluses++;
    else if (flags & EQUALS) assignments++;
    if (flags & DASH) {
      dashRun = lastDash === i - 1 ? dashRun + 1 : 1;
      lastDash = i;
      if (dashRun > longestDashRun) longestDashRun = dashRun;
    }
  }
  if (length - tokenRunStart > longestTokenRun) longestTokenRun = length - tokenRunStart;
  return gatesFromCounts(
    digits,
    letters,
    capitals,
    ats,
    colons,
    dots,
    pluses,
    assignments,
    longestTokenRun,
    longestDashRun,
  );
}

/**
 * What `ByteGates.walk` reads per byte, one Int32 per byte value. A letter or digit ("plain": most bytes of a
 * table) holds its counts, packed: digits in bits 0–9, letters in 10–19, capitals in 20–29, so the loop adds one
 * number per byte and unpacks the sums every `PACKED_RUN` bytes, before a count could reach its neighbour's bits.
 * Every other byte has bit 30 set and its character class (and STOP) in the low bits: it ends a token run, is
 * counted one by one, or ends the walk. Made by `ByteGates.stopsOf`.
 */
export type ByteStops = Int32Array & { readonly stops: unique symbol };

const STOP = 1024;
const NOT_PLAIN = 1 << 30;
const PACKED_RUN = 1023;

/**
 * `gatesOf` on UTF-8 bytes, without decoding them: the same answer as `gatesOf` of the decoded text. Only ASCII
 * characters count and every other one breaks a run; a non-ASCII character is one or two UTF-16 units but two to
 * four bytes, all of them ≥ 0x80, so runs break at the same places and every count is the same. A CSV field's raw
 * bytes also give its value's answer: a doubled quote (`""`) breaks a run as the single quote of the value does.
 *
 * A reader that looks for the end of a field walks its bytes anyway; it walks them here (`walk` up to a stop
 * byte), so each byte is read once. A field may be walked in pieces (a quoted field between its quotes and line
 * breaks) when the bytes between the pieces are ones that count for nothing and break runs (quotes, CR, LF).
 */
export class ByteGates {
  // The counts of the field so far (the rare ones counted straight here, out of the loop).
  private digits = 0;
  private letters = 0;
  private capitals = 0;
  private ats = 0;
  private colons = 0;
  private dots = 0;
  private pluses = 0;
  private assignments = 0;
  private longestTokenRun = 0;
  private longestDashRun = 0;
  private dashRun = 0;
  private lastDash = -2;
  /**
   * Whether the field has a character counted one by one (`rare`): the counts of those are zeroed at the first,
   * so the field's start resets four counts instead of twelve, and most fields' gates are read off two of them.
   */
  private rareSeen = false;

  /** The table for `walk` that stops at these byte values. */
  stopsOf(codes: Iterable<number>): ByteStops {
    return stopTable(codes);
  }

  /**
   * Counts `bytes[from, …)` up to `to` or the first byte `stops` marks, and answers where it stopped. `first`:
   * a field starts at `from`; else the piece goes on with the field walked last.
   */
  walk(bytes: Uint8Array, from: number, to: number, stops: ByteStops, first: boolean): number {
    // Kept small enough for V8 to inline into the reader's loop, with locals only for what every byte touches.
    if (first) this.reset();
    let i = from;
    let tokenRunStart = from;
    let longestTokenRun = this.longestTokenRun;
    let limit = Math.min(to, from + PACKED_RUN);
    let packed = 0;
    for (;;) {
      if (i >= limit) {
        this.unpack(packed);
        if (limit >= to) break;
        limit = Math.min(to, i + PACKED_RUN);
        packed = 0;
        continue;
      }
      // In bounds (`limit` <= `to` <= the length; a byte indexes the 256 entries): no `?? 0` for V8 to test.
      const entry = stops[bytes[i]!]!;
      if (entry < NOT_PLAIN) {
        packed += entry;
      } else if (entry & STOP) {
        this.unpack(packed);
        break;
      } else {
        if ((entry & TOKEN) === 0) {
          if (i - tokenRunStart > longestTokenRun) longestTokenRun = i - tokenRunStart;
          tokenRunStart = i + 1;
        }
        if (entry & RARE) this.rare(entry, i);
      }
      i++;
    }
    this.longestTokenRun = Math.max(longestTokenRun, i - tokenRunStart);
    return i;
  }

  /** The gates of the field walked (its pieces so far). */
  get summary(): number {
    // No rare character: no '@', ':', '.', '-', '+' or '='; only 7+ digits or a 16+ token run open a gate.
    if (!this.rareSeen) {
      if (this.digits < 7 && this.longestTokenRun < 16) return 0;
      return gatesFromCounts(this.digits, this.letters, this.capitals, 0, 0, 0, 0, 0, this.longestTokenRun, 0);
    }
    return gatesFromCounts(
      this.digits,
      this.letters,
      this.capitals,
      this.ats,
      this.colons,
      this.dots,
      this.pluses,
      this.assignments,
      this.longestTokenRun,
      this.longestDashRun,
    );
  }

  private reset(): void {
    this.digits = this.letters = this.capitals = this.longestTokenRun = 0;
    this.rareSeen = false;
  }

  private resetRare(): void {
    this.ats = this.colons = this.dots = this.pluses = this.assignments = 0;
    this.longestDashRun = this.dashRun = 0;
    this.lastDash = -2;
    this.rareSeen = true;
  }

  private unpack(packed: number): void {
    this.digits += packed & 1023;
    this.letters += (packed >> 10) & 1023;
    this.capitals += packed >> 20;
  }

  /** The characters counted one by one: rare in ordinary text. */
  private rare(flags: number, i: number): void {
    if (!this.rareSeen) this.resetRare();
    if (flags & AT) this.ats++;
    else if (flags & COLON) this.colons++;
    else if (flags & DOT) this.dots++;
    else if (flags & PLUS) this.pluses++;
    else if (flags & EQUALS) this.assignments++;
    if (flags & DASH) {
      this.dashRun = this.lastDash === i - 1 ? this.dashRun + 1 : 1;
      this.lastDash = i;
      if (this.dashRun > this.longestDashRun) this.longestDashRun = this.dashRun;
    }
  }
}

/** The `ByteStops` table (see there) that stops at `codes`. */
function stopTable(codes: Iterable<number>): ByteStops {
  const table = new Int32Array(256);
  for (let code = 0; code < 256; code++) {
    const flags = CHARACTER_CLASS[code] ?? 0;
    const plain = flags & (DIGIT | LETTER) && (flags & RARE) === 0;
    table[code] = plain ? (flags & DIGIT) | (((flags >> 7) & 1) << 10) | (((flags >> 8) & 1) << 20) : NOT_PLAIN | flags;
  }
  for (const code of codes) table[code] = NOT_PLAIN | (CHARACTER_CLASS[code] ?? 0) | STOP;
  return table as ByteStops;
}

const NO_STOPS = stopTable([]);
const bytesGates = new ByteGates();

/** `gatesOf` on UTF-8 bytes `bytes[start, end)` (see `ByteGates`). */
export function gatesOfBytes(bytes: Uint8Array, start: number, end: number): number {
  bytesGates.walk(bytes, start, end, NO_STOPS, true);
  return bytesGates.summary;
}

/** The gates open for these counts (shared by the scans of text and of bytes, so they cannot drift apart). */
function gatesFromCounts(
  digits: number,
  letters: number,
  capitals: number,
  ats: number,
  colons: number,
  dots: number,
  pluses: number,
  assignments: number,
  longestTokenRun: number,
  longestDashRun: number,
): number {
  let gates = 0;
  if (ats > 0) gates |= Gate.email | Gate.secret;
  // An IBAN starts with two capitals; a phone number without '+' is only reported where the column or a nearby
  // word speaks of phones, and every such word has letters: ids and amounts of long files stop here.
  if (digits >= 7 && capitals >= 2) gates |= Gate.iban;
  if (digits >= 7) gates |= pluses > 0 || letters > 0 ? Gate.phone : Gate.phoneIfColumnNamesIt;
  if (digits >= 9) gates |= Gate.usSsn;
  if (digits >= 12) gates |= Gate.creditCard | Gate.secret;
  if ((dots >= 3 && digits >= 4) || colons >= 2) gates |= Gate.ip;
  if (longestTokenRun >= 26) gates |= Gate.cryptoAddress;
  if (longestTokenRun >= 16 || longestDashRun >= 5) gates |= Gate.secret;
  // `password: hunter2!` or `pwd = "…"`: a key name and a value (secret/keyword-assignment).
  if ((colons > 0 || assignments > 0) && letters >= 8) gates |= Gate.secret;
  return gates;
}
