/**
 * Card issuers by prefix and length, from Braintree's maintained `credit-card-type` table. The table is read
 * once here and matched directly: calling `creditCardType(number)` clones the whole table on every call
 * (about 20 µs), too slow for every Luhn-valid number of a large file. The matching mirrors the library's:
 * a number matches a single prefix, or a [min, max] range on its first digits; the longest match wins, and
 * between equally long ones the first in the table.
 */
import creditCardType from 'credit-card-type';

/** One prefix pattern of an issuer: a single prefix `p` is the range [p, p] over its own width. */
interface Prefix {
  issuer: string;
  min: number;
  max: number;
  /** How many leading digits the pattern reads (the width of `min`, as the library reads it). */
  width: number;
}

/** Per card length, the prefixes of the issuers that use it, widest first (stable, so table order breaks ties). */
const PREFIXES_BY_LENGTH = indexPrefixes();

function indexPrefixes(): Map<number, Prefix[]> {
  const byLength = new Map<number, Prefix[]>();
  for (const type of Object.values(creditCardType.types)) {
    const info = creditCardType.getTypeInfo(type);
    const prefixes = info.patterns.map((pattern) => prefixOf(info.niceType, pattern));
    for (const length of info.lengths) byLength.set(length, [...(byLength.get(length) ?? []), ...prefixes]);
  }
  for (const prefixes of byLength.values()) prefixes.sort((a, b) => b.width - a.width);
  return byLength;
}

function prefixOf(issuer: string, pattern: number | readonly number[]): Prefix {
  const [min = 0, max = 0] = typeof pattern === 'number' ? [pattern, pattern] : pattern;
  return { issuer, min, max, width: String(min).length };
}

/** Leading numbers of the digits being judged, by width (reused: this runs for every Luhn-valid candidate). */
const heads = new Float64Array(24);

/** The issuer whose prefix table and lengths admit `digits` (ASCII digits only), or undefined. */
export function cardIssuer(digits: string): string | undefined {
  const prefixes = PREFIXES_BY_LENGTH.get(digits.length);
  if (!prefixes) return undefined;
  const widest = Math.min(prefixes[0]?.width ?? 0, digits.length, heads.length - 1);
  for (let width = 1, head = 0; width <= widest; width++)
    heads[width] = head = head * 10 + (digits.charCodeAt(width - 1) - 48);
  for (const { issuer, min, max, width } of prefixes) {
    if (width > widest) continue; // more digits than the number has: no match, as in the library
    const head = heads[width] ?? -1;
    if (head >= min && head <= max) return issuer;
  }
  return undefined;
}
