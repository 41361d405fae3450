/**
 * Card issuers by prefix and length, from Braintree's maintained `credit-card-type` table. The table is read
 * once here and matched directly: calling `creditCardType(number)` clones the whole table on every call
 * (about 20 µs), too slow for every Luhn-valid number of a large file. The matching mirrors the library's:
 * a number matches a single prefix, or a [min, max] range on its first digits; the longest match wins.
 */
import creditCardType from 'credit-card-type';

interface Issuer {
  name: string;
  lengths: readonly number[];
  patterns: ReadonlyArray<number | readonly number[]>;
}

const ISSUERS: Issuer[] = Object.values(creditCardType.types).map((type) => {
  const info = creditCardType.getTypeInfo(type);
  return { name: info.niceType, lengths: info.lengths, patterns: info.patterns };
});

/** The issuer whose prefix table and lengths admit `digits`, or undefined. */
export function cardIssuer(digits: string): string | undefined {
  let best: string | undefined;
  let bestStrength = 0;
  for (const issuer of ISSUERS) {
    if (!issuer.lengths.includes(digits.length)) continue;
    for (const pattern of issuer.patterns) {
      const strength = prefixStrength(digits, pattern);
      if (strength > bestStrength) [best, bestStrength] = [issuer.name, strength];
    }
  }
  return best;
}

/** How many leading digits the pattern pins down when it matches, 0 when it does not. */
function prefixStrength(digits: string, pattern: number | readonly number[]): number {
  if (typeof pattern === 'number') {
    const prefix = String(pattern);
    return digits.startsWith(prefix) ? prefix.length : 0;
  }
  const [min = 0, max = 0] = pattern;
  const width = String(min).length;
  const head = Number(digits.slice(0, width));
  return head >= min && head <= max ? width : 0;
}
