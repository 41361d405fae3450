/**
 * `pii/phone`: numbers found and validated by libphonenumber-js with its full ("max") metadata, which knows
 * each country's valid ranges and lengths. A number written with a `+` country prefix stands on its own; one
 * in national format is read in the default region and only counts when the column or nearby words talk of
 * phones, since any 10-digit ID is a valid US number. On top of libphonenumber's own date and time
 * rejection, numbers glued to letters, decimals, versions and longer digit runs are dropped.
 */
import { contextSignal, mayHaveSupport } from '../context';
import { allMatches, codeAt, contextualMatch, digitAfter, isAsciiAlnumCode, isDigitCode } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';
import { startsWithCallingCode } from './calling-codes';
import { phoneNumbersIn, type FoundNumber } from './phone-lookup';

/** Digits a phone match must have: the shortest valid numbers (Niue, Tokelau) have 7 with the country code. */
export const MIN_PHONE_DIGITS = 7;

const INTERNATIONAL_BASE = 0.7;
const NATIONAL_BASE = 0.6;

// Characters that, right before a number, make it part of something else: a word or hex string, a decimal
// ("3.14159265358"), a path, an anchor or order number ("#2025550143"); a letter or digit before it also
// covers a version's build metadata ("1.0.0+20130313144700").
const GLUED_BEFORE = new Set(['.', ',', '_', '/', '\\', '#', '$', '€', '£', '=', '&', '%']);

// Spans that can hold a phone number: an optional '+', digits and the separators people write between them,
// and an optional extension. libphonenumber (tens of microseconds a call) only reads these spans, and only
// the international ones or those whose context speaks of phones.
const PHONE_SPAN = /(?:\+[\s\u00a0]?)?\(?\d[\d\s\u00a0().\-\u2010-\u2015\/]{4,28}\d(?:\s*(?:ext\.?|x|#)\s*\d{1,7})?/g;

export function detectPhoneNumbers(input: DetectorInput): DetectorMatch[] {
  // Every match either starts with '+' or has context: dates, amounts and ids of a large file stop here.
  let supportable: boolean | undefined;
  if (!input.value.includes('+') && !(supportable = mayHaveSupport('phone', input))) return [];
  const matches: DetectorMatch[] = [];
  for (const span of allMatches(PHONE_SPAN, input.value)) {
    const start = span.index;
    const end = start + span[0].length;
    if (countDigits(input.value, start, end) < MIN_PHONE_DIGITS) continue;
    if (span[0][0] !== '+') {
      if (!contextSignal('phone', input, start, end).supports) continue;
    } else if (!startsWithCallingCode(span[0]) && !(supportable ??= mayHaveSupport('phone', input))) {
      // Without a calling code after its '+' (the only '+' a span holds) no number in the span is international,
      // and with no supporting word in the column or the value no national one counts (phoneMatch): skip it.
      continue;
    }
    for (const found of phoneNumbersIn(span[0], input.defaultRegion)) {
      const match = phoneMatch(input, found, start + found.startsAt, start + found.endsAt);
      if (match) matches.push(match);
    }
  }
  return matches;
}

function phoneMatch(input: DetectorInput, found: FoundNumber, start: number, end: number): DetectorMatch | undefined {
  const { value } = input;
  if (countDigits(value, start, end) < MIN_PHONE_DIGITS || isGlued(value, start, end)) return undefined;
  const international = value[start] === '+';
  const signal = contextSignal('phone', input, start, end);
  if (!international && !signal.supports) return undefined;
  const { number } = found;
  const country = number.country ?? `+${number.countryCallingCode}`;
  const type = found.lineType();
  const evidence = [
    international
      ? `valid international number for ${country} (libphonenumber)`
      : `valid ${country} number in national format (default region ${input.defaultRegion})`,
  ];
  if (type) evidence.push(`line type ${type.toLowerCase().replace(/_/g, ' ')}`);
  return contextualMatch(
    input,
    {
      code: 'pii/phone',
      kind: 'phone',
      start,
      end,
      base: international ? INTERNATIONAL_BASE : NATIONAL_BASE,
      evidence,
      message: 'Phone number',
      placeholder: '<PHONE_NUMBER>',
      data: { entity: 'PHONE_NUMBER', region: number.country },
    },
    signal,
  );
}

function countDigits(value: string, start: number, end: number): number {
  let digits = 0;
  for (let i = start; i < end; i++) if (isDigitCode(value.charCodeAt(i))) digits++;
  return digits;
}

/** The number continues into or out of something that is not a phone number. */
function isGlued(value: string, start: number, end: number): boolean {
  const before = codeAt(value, start - 1);
  if (isAsciiAlnumCode(before) || GLUED_BEFORE.has(value[start - 1] ?? '')) return true;
  if (value[start - 1] === '-' && isAsciiAlnumCode(codeAt(value, start - 2))) return true;
  const after = codeAt(value, end);
  if (isAsciiAlnumCode(after) || value[end] === '_') return true;
  // A decimal part, a further version component or a longer hyphenated code: "…0143.5", "…0143-7".
  return (
    (value[end] === '.' || value[end] === ',' || value[end] === '-' || value[end] === ':') && digitAfter(value, end)
  );
}
