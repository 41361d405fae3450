/**
 * `pii/us-ssn`: US Social Security numbers AAA-GG-SSSS (hyphens, or one consistent space or dot), and nine
 * unseparated digits only when the column or nearby words say SSN. SSNs carry no checksum, so validation is
 * the SSA's rules as Presidio applies them: no area 000, 666 or 900–999, no group 00, no serial 0000, not one
 * repeated digit, and not one of the numbers published in advertising and examples.
 */
import { contextSignal } from '../context';
import { allMatches, contextualMatch } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';

// One separator, repeated through the backreference; never glued to letters, digits, decimals or paths.
const SSN_PATTERN = /(?<![\w.\/-])(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\w]|[.\/-]\d)/g;

/**
 * Numbers that were printed and then used by many (Woolworth's wallet card 078-05-1120, the 1938 SSA
 * pamphlet 219-09-9999, LifeLock's advertised 457-55-5462) and the sequences Presidio rejects.
 */
const PUBLISHED_NUMBERS = new Set(['078051120', '219099999', '457555462', '123456789']);

const BASE_BY_SEPARATOR: Record<string, number> = { '-': 0.6, ' ': 0.5, '.': 0.5, '': 0.4 };

export function detectUsSsns(input: DetectorInput): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const found of allMatches(SSN_PATTERN, input.value)) {
    const [text, area = '', separator = '', group = '', serial = ''] = found;
    const problem = invalidReason(area, group, serial);
    if (problem) continue;
    const start = found.index;
    const end = start + text.length;
    const signal = contextSignal('us-ssn', input, start, end);
    if (separator === '' && !signal.supports) continue;
    const evidence = [`area ${area}, group ${group} and serial ${serial} are all issuable`];
    if (separator === '') evidence.push('nine unseparated digits, counted because of the context');
    matches.push(
      contextualMatch(
        input,
        {
          code: 'pii/us-ssn',
          kind: 'us-ssn',
          start,
          end,
          base: BASE_BY_SEPARATOR[separator] ?? 0.4,
          evidence,
          message: 'US Social Security number',
          placeholder: '<US_SSN>',
          data: { entity: 'US_SSN' },
        },
        signal,
      ),
    );
  }
  return matches;
}

/** Why these digits cannot be an issued SSN, or undefined when they can. */
export function invalidReason(area: string, group: string, serial: string): string | undefined {
  const digits = area + group + serial;
  if (area === '000' || area === '666' || area.startsWith('9')) return `area ${area} is never issued`;
  if (group === '00') return 'group 00 is never issued';
  if (serial === '0000') return 'serial 0000 is never issued';
  if (/^(\d)\1{8}$/.test(digits)) return 'one repeated digit';
  if (PUBLISHED_NUMBERS.has(digits)) return 'a published example number';
  return undefined;
}
