/**
 * What a feature column holds, decided once on the whole file before training: numbers (standardised),
 * categories (one-hot), or numeric codes such as zip codes (numbers that name things: one-hot too). A column of
 * numbers with a stray word or an `Infinity` in it is an error naming its line and column — it would otherwise
 * silently become categorical, or make every loss NaN.
 */
import type { Position } from '../../parse';
import { isMissing, nameWords } from '../../bias';
import { DatasetError, describePosition } from './table';

export type ValueKind = 'missing' | 'number' | 'non-finite' | 'other';

/** Non-finite spellings `Number` reads (`Infinity`, `-Infinity`); `1e999` overflows to them too. */
const INFINITY_WORD = /^[+-]?infinity$/i;

/** Missing markers are the audit's (``, `NA`, `n/a`, `NaN`, `null`, `None`, `?`): they encode to the mean. */
export function classifyValue(raw: string): ValueKind {
  if (isMissing(raw)) return 'missing';
  const trimmed = raw.trim();
  const value = Number(trimmed);
  if (Number.isFinite(value)) return 'number';
  if (INFINITY_WORD.test(trimmed) || value === Infinity || value === -Infinity) return 'non-finite';
  return 'other';
}

export interface ValueAt {
  value: string;
  position: Position;
}

/** Counts of one column's values, with the first of each troublesome kind and where it is. */
export interface ColumnProfile {
  present: number;
  numbers: number;
  firstOther?: ValueAt;
  firstNonFinite?: ValueAt;
  /** Distinct numbers seen, up to `CODE_DISTINCT_LIMIT + 1` (beyond: not a code). */
  distinct: Set<string>;
  /** Every number so far is a plain integer (`10451`, `007`), none signed, decimal or in exponent notation. */
  integersOnly: boolean;
  /** Some integer starts with a 0 (`02134`): a code, never a quantity. */
  leadingZero: boolean;
  /** The number of digits all integers share, 0 once two differ. */
  digits: number | undefined;
}

/** A column with more distinct values than this is never a code. */
export const CODE_DISTINCT_LIMIT = 50;

export function emptyProfile(): ColumnProfile {
  return { present: 0, numbers: 0, distinct: new Set(), integersOnly: true, leadingZero: false, digits: undefined };
}

const PLAIN_INTEGER = /^\d+$/;

export function addToProfile(profile: ColumnProfile, raw: string, position: Position): void {
  const kind = classifyValue(raw);
  if (kind === 'missing') return;
  profile.present++;
  if (kind === 'other') {
    profile.firstOther ??= { value: raw, position };
    return;
  }
  if (kind === 'non-finite') {
    profile.firstNonFinite ??= { value: raw, position };
    return;
  }
  profile.numbers++;
  const trimmed = raw.trim();
  if (profile.distinct.size <= CODE_DISTINCT_LIMIT) profile.distinct.add(trimmed);
  if (!PLAIN_INTEGER.test(trimmed)) {
    profile.integersOnly = false;
    return;
  }
  if (trimmed.length > 1 && trimmed.startsWith('0')) profile.leadingZero = true;
  profile.digits =
    profile.digits === undefined ? trimmed.length : profile.digits === trimmed.length ? profile.digits : 0;
}

/** A column is numeric when this share of its present values are numbers; a lower share makes it categorical. */
export const NUMERIC_SHARE = 0.95;

/** Name words of columns that hold codes, not quantities. */
const CODE_WORDS = new Set(['zip', 'zipcode', 'postal', 'postcode', 'code', 'fips', 'naics', 'sic', 'icd', 'areacode']);

/**
 * Numbers that name things rather than measure them: few distinct plain integers, and a name that says code
 * (`zip`, `postal_code`), a leading zero, or the same five or more digits in every value (zip codes; not years).
 */
export function isNumericCode(column: string, profile: ColumnProfile): boolean {
  if (profile.numbers === 0 || !profile.integersOnly || profile.distinct.size > CODE_DISTINCT_LIMIT) return false;
  const named = nameWords(column).some((word) => CODE_WORDS.has(word));
  return named || profile.leadingZero || (profile.digits !== undefined && profile.digits >= 5);
}

export type FeatureKind = 'numeric' | 'categorical' | 'numeric-code';

/**
 * The kind of one feature column from its profile over the whole file. Throws a `DatasetError` at the first
 * value that breaks a numeric column: a non-finite number anywhere, or a word among ≥ 95 % numbers.
 */
export function featureKind(file: string, column: string, profile: ColumnProfile): FeatureKind {
  const numericShare =
    profile.present === 0 ? 0 : (profile.numbers + (profile.firstNonFinite ? 1 : 0)) / profile.present;
  if (profile.firstNonFinite && numericShare >= NUMERIC_SHARE) {
    const { value, position } = profile.firstNonFinite;
    throw new DatasetError(
      `${describePosition(file, position)}: '${value.trim()}' in numeric column '${column}' is not a finite number: ` +
        'correct it, or leave the cell empty to mark it missing',
    );
  }
  if (profile.firstOther && numericShare >= NUMERIC_SHARE) {
    const { value, position } = profile.firstOther;
    const share = Math.round((100 * profile.numbers) / profile.present);
    throw new DatasetError(
      `${describePosition(file, position)}: '${value.trim()}' in column '${column}', whose other values are numbers ` +
        `(${share} %): correct it, or leave the cell empty to mark it missing`,
    );
  }
  if (profile.present === 0 || profile.numbers < profile.present) return 'categorical';
  return isNumericCode(column, profile) ? 'numeric-code' : 'numeric';
}

/** A split file's values of a column that is numeric in the dataset: every present value must be a finite number. */
export function checkNumbersOnly(file: string, column: string, profile: ColumnProfile): void {
  const bad = profile.firstNonFinite ?? profile.firstOther;
  if (bad === undefined) return;
  throw new DatasetError(
    `${describePosition(file, bad.position)}: '${bad.value.trim()}' in numeric column '${column}' is not a finite number: ` +
      'correct it, or leave the cell empty to mark it missing',
  );
}
