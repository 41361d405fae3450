/**
 * The prefilter: one pass of character-class counts decides which detector families can possibly match.
 * `detectSensitiveData` runs only the families whose gate is open, and `mightContainSensitiveData` is "any
 * gate open", so the prefilter can never say no to a value on which a detector would report something.
 * Written by hand because it is the hot loop of a 1 GB scan: a lookup table and counters, no regex.
 */

const DIGIT = 1;
const TOKEN = 2; // characters of tokens, keys and addresses: A-Z a-z 0-9 _ - + / = . ~
const AT = 4;
const COLON = 8;
const DOT = 16;
const DASH = 32;

const CHARACTER_CLASS = buildCharacterClasses();

function buildCharacterClasses(): Uint8Array {
  const table = new Uint8Array(128);
  const mark = (chars: string, flags: number) => {
    for (const char of chars) table[char.charCodeAt(0)] = (table[char.charCodeAt(0)] ?? 0) | flags;
  };
  mark('0123456789', DIGIT | TOKEN);
  mark('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_+/=~', TOKEN);
  mark('-', TOKEN | DASH);
  mark('.', TOKEN | DOT);
  mark('@', AT);
  mark(':', COLON);
  return table;
}

/** Detector families, as bits of the mask `familiesFor` returns. */
export const Family = {
  email: 1,
  phone: 2,
  creditCard: 4,
  usSsn: 8,
  iban: 16,
  ip: 32,
  cryptoAddress: 64,
  secret: 128,
} as const;

/**
 * The families that can match `value`, from one pass of counts (locals only: no allocation, since this runs
 * on every cell of a large file). Each gate is the least any match of that family contains: an email has
 * '@'; a phone number 7+ digits (the shortest valid numbers, e.g. Niue +683 4002); a card number 12+
 * (Maestro's shortest); an SSN 9; an IBAN 7+ (every country format has them); an IPv4 4 digits and 3 dots,
 * an IPv6 two colons; a crypto address 26+ token characters; a secret a 16+ character token, a PEM armour
 * line, credentials in a URL ('@') or a 12-digit AWS account id. Only ASCII counts: digits of other
 * scripts are not detected.
 */
export function familiesOf(value: string): number {
  let digits = 0, ats = 0, colons = 0, dots = 0;
  let tokenRun = 0, longestTokenRun = 0, dashRun = 0, longestDashRun = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const flags = code < 128 ? (CHARACTER_CLASS[code] ?? 0) : 0;
    if (flags & TOKEN) {
      if (++tokenRun > longestTokenRun) longestTokenRun = tokenRun;
    } else tokenRun = 0;
    if (flags & DASH) {
      if (++dashRun > longestDashRun) longestDashRun = dashRun;
    } else dashRun = 0;
    if (flags & DIGIT) digits++;
    else if (flags & AT) ats++;
    else if (flags & COLON) colons++;
    else if (flags & DOT) dots++;
  }
  let families = 0;
  if (ats > 0) families |= Family.email | Family.secret;
  if (digits >= 7) families |= Family.phone | Family.iban;
  if (digits >= 9) families |= Family.usSsn;
  if (digits >= 12) families |= Family.creditCard | Family.secret;
  if ((dots >= 3 && digits >= 4) || colons >= 2) families |= Family.ip;
  if (longestTokenRun >= 26) families |= Family.cryptoAddress;
  if (longestTokenRun >= 16 || longestDashRun >= 5) families |= Family.secret;
  return families;
}
