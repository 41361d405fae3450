/**
 * `pii/credit-card`: 12–19 digit numbers, unseparated or in printed groups with one consistent separator,
 * whose Luhn checksum is valid and whose prefix and length belong to an issuer (card-issuers.ts: Visa,
 * Mastercard 51–55 and 2221–2720, Amex, Discover, JCB, Diners, UnionPay, Maestro, Elo, Mir…). An invalid
 * checksum or an unknown issuer is no finding.
 */
import { allMatches, codeAt, contextualMatch, digitAfter, isAsciiAlnumCode } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';
import { cardIssuer } from './card-issuers';

const MIN_CARD_DIGITS = 12;
const MAX_CARD_DIGITS = 19;

/** Test numbers the card networks and payment providers publish: data that holds them is test data. */
const PUBLISHED_TEST_NUMBERS = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3056930009020004',
  '36227206271667',
  '3566002020360505',
  '6200000000000005',
]);

// Maximal runs of digit groups joined by single spaces or hyphens; card windows are picked inside them.
const DIGIT_GROUP_RUN = /\d+(?:[ -]\d+)*/g;

export function detectCreditCards(input: DetectorInput): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const run of allMatches(DIGIT_GROUP_RUN, input.value)) {
    const start = run.index;
    const end = start + run[0].length;
    const glued = { start: isGluedBefore(input.value, start), end: isGluedAfter(input.value, end) };
    for (const card of cardsInRun(input.value, groupsOf(run[0], start), glued)) {
      if (!luhnValid(card.digits)) continue;
      const issuer = cardIssuer(card.digits);
      if (issuer) matches.push(cardMatch(input, card, issuer));
    }
  }
  return matches;
}

interface Group {
  start: number;
  end: number;
  /** The separator before this group ('' for the first of a run). */
  separator: string;
}

/** The digit groups of a run (digits joined by single spaces or hyphens), read by hand: a regex per run was slow. */
function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  for (let start = 0, i = 0; i <= run.length; i++) {
    if (i < run.length && run[i] !== ' ' && run[i] !== '-') continue;
    groups.push({ start: offset + start, end: offset + i, separator: start === 0 ? '' : (run[start - 1] ?? '') });
    start = i + 1;
  }
  return groups;
}

interface CardCandidate {
  start: number;
  end: number;
  digits: string;
}

/**
 * Windows of whole groups that can be a printed card: one group of 12–19 digits, or groups joined by one
 * separator with a 4-digit first group and 3–6 digit groups after it (4-4-4-4, Amex 4-6-5, Diners 4-6-4).
 * A window may start or stop inside a run only at a space ("4111 1111 1111 1111 2024"): a hyphen there
 * means a longer code, and digits glued on mean a longer number.
 */
function cardsInRun(value: string, groups: Group[], glued: { start: boolean; end: boolean }): CardCandidate[] {
  const cards: CardCandidate[] = [];
  for (let first = glued.start ? 1 : 0; first < groups.length; first++) {
    if (first > 0 && groups[first]!.separator !== ' ') continue;
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      const group = groups[last]!;
      if (last > first && !continuesWindow(groups, first, last)) break;
      digits += value.slice(group.start, group.end);
      if (digits.length > MAX_CARD_DIGITS) break;
      const next = groups[last + 1];
      const endsWell = next ? next.separator === ' ' : !glued.end;
      if (digits.length >= MIN_CARD_DIGITS && endsWell) {
        cards.push({ start: groups[first]!.start, end: group.end, digits });
      }
    }
  }
  return cards;
}

function continuesWindow(groups: Group[], first: number, last: number): boolean {
  const head = groups[first]!;
  const group = groups[last]!;
  const length = group.end - group.start;
  return head.end - head.start === 4 && group.separator === groups[first + 1]!.separator && length >= 3 && length <= 6;
}

/** The run's first digits belong to a word, a hex string, a decimal, a path or an anchor. */
function isGluedBefore(value: string, start: number): boolean {
  const before = value[start - 1];
  return isAsciiAlnumCode(codeAt(value, start - 1)) || (before !== undefined && '._/\\#+'.includes(before));
}

/** The run's last digits go on into a word or a decimal part. */
function isGluedAfter(value: string, end: number): boolean {
  if (isAsciiAlnumCode(codeAt(value, end)) || value[end] === '_') return true;
  return (value[end] === '.' || value[end] === ',') && digitAfter(value, end);
}

/** Luhn mod-10, by hand: five lines, and the checksum every card number carries. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let digit = digits.charCodeAt(i) - 48;
    if (double && (digit *= 2) > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

function cardMatch(input: DetectorInput, card: CardCandidate, issuer: string): DetectorMatch {
  const testNumber = PUBLISHED_TEST_NUMBERS.has(card.digits);
  const evidence = ['Luhn checksum valid', `${issuer} range, ${card.digits.length} digits`];
  if (testNumber) evidence.push('a published test card number: likely test data');
  return contextualMatch(input, {
    code: 'pii/credit-card',
    kind: 'credit-card',
    start: card.start,
    end: card.end,
    base: testNumber ? 0.45 : 0.85,
    evidence,
    message: `Credit card number (${issuer})`,
    placeholder: '<CREDIT_CARD>',
    data: { entity: 'CREDIT_CARD', issuer },
  });
}
