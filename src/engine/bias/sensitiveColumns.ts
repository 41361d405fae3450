import type { SensitiveKind, SensitiveSuggestion } from './types';

/** Column-name words that say a column holds a protected attribute (matched against whole words of the name). */
const NAME_WORDS: Array<{ kind: SensitiveKind; words: string[][] }> = [
  { kind: 'gender', words: [['gender'], ['sex']] },
  { kind: 'race', words: [['race'], ['racial'], ['ethnicity'], ['ethnic'], ['ethnic', 'group']] },
  { kind: 'religion', words: [['religion'], ['religious'], ['faith']] },
  {
    kind: 'age',
    words: [
      ['age'],
      ['dob'],
      ['birth', 'date'],
      ['date', 'birth'],
      ['birthdate'],
      ['birth', 'year'],
      ['year', 'birth'],
    ],
  },
  { kind: 'disability', words: [['disability'], ['disabled'], ['handicap'], ['impairment']] },
  {
    kind: 'nationality',
    words: [['nationality'], ['citizenship'], ['native', 'country'], ['country', 'birth'], ['birth', 'country']],
  },
  { kind: 'marital-status', words: [['marital'], ['marital', 'status'], ['married']] },
  { kind: 'sexual-orientation', words: [['orientation'], ['sexuality'], ['sexual', 'orientation']] },
];

/** Values that only a protected attribute takes; `neutral` values (unknown, other) neither count for nor against. */
const VALUE_SETS: Array<{ kind: SensitiveKind; values: string[] }> = [
  {
    kind: 'gender',
    values: [
      'male',
      'female',
      'm',
      'f',
      'man',
      'woman',
      'men',
      'women',
      'non-binary',
      'nonbinary',
      'transgender',
      'boy',
      'girl',
    ],
  },
  {
    kind: 'race',
    values: [
      'white',
      'black',
      'asian',
      'hispanic',
      'latino',
      'latina',
      'latinx',
      'caucasian',
      'african american',
      'african-american',
      'native american',
      'american indian',
      'alaska native',
      'pacific islander',
      'asian-pac-islander',
      'amer-indian-eskimo',
      'multiracial',
      'mixed',
    ],
  },
  {
    kind: 'religion',
    values: [
      'christian',
      'muslim',
      'jewish',
      'hindu',
      'buddhist',
      'sikh',
      'atheist',
      'agnostic',
      'catholic',
      'protestant',
      'orthodox',
      'jain',
    ],
  },
  {
    kind: 'marital-status',
    values: [
      'married',
      'single',
      'divorced',
      'widowed',
      'separated',
      'never-married',
      'never married',
      'married-civ-spouse',
      'married-spouse-absent',
      'married-af-spouse',
    ],
  },
];

const NEUTRAL_VALUES = new Set(['', 'other', 'unknown', 'none', 'prefer not to say', 'n/a', 'na', '?']);

/** `nativeCountry`, `native-country`, `Native Country` → ['native', 'country']; `of`/`the` are dropped. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && word !== 'of' && word !== 'the');
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) {
    if (run.every((word, k) => words[i + k] === word)) return true;
  }
  return false;
}

/** Why a column looks like it holds a protected attribute, from its name and a sample of its values; undefined when it does not. */
export function suggestSensitiveColumn(
  column: string,
  sampleValues: readonly string[],
): SensitiveSuggestion | undefined {
  return judgeColumn(column, sampleValues)?.suggestion;
}

/**
 * The suggestions for a table's columns. A column whose only evidence is one-letter codes ('F', 'M') is left out
 * when another column already holds that attribute: the codes are ambiguous, and beside a `sex` column they mean
 * something else (COMPAS's `c_charge_degree`: felony or misdemeanour).
 */
export function suggestSensitiveColumns(
  columns: readonly string[],
  valuesOf: (column: string) => readonly string[],
): SensitiveSuggestion[] {
  const judged = columns
    .map((column) => judgeColumn(column, valuesOf(column)))
    .filter((judgement): judgement is Judgement => judgement !== undefined);
  const plainKinds = new Set(
    judged.filter((judgement) => !judgement.codesOnly).map((judgement) => judgement.suggestion.kind),
  );
  return judged
    .filter((judgement) => !judgement.codesOnly || !plainKinds.has(judgement.suggestion.kind))
    .map((judgement) => judgement.suggestion);
}

interface Judgement {
  suggestion: SensitiveSuggestion;
  /** Only one-letter values matched (no name, no whole word). */
  codesOnly: boolean;
}

function judgeColumn(column: string, sampleValues: readonly string[]): Judgement | undefined {
  const words = nameWords(column);
  for (const { kind, words: runs } of NAME_WORDS) {
    const run = runs.find((candidate) => containsRun(words, candidate));
    if (run) return { suggestion: { column, kind, evidence: [`column name '${column}' (${kind})`] }, codesOnly: false };
  }
  return judgeValues(column, sampleValues);
}

function judgeValues(column: string, sampleValues: readonly string[]): Judgement | undefined {
  const values = sampleValues.map((value) => value.trim().toLowerCase());
  const meaningful = values.filter((value) => !NEUTRAL_VALUES.has(value));
  if (meaningful.length < 5) return undefined;
  for (const { kind, values: known } of VALUE_SETS) {
    const set = new Set(known);
    const matched = meaningful.filter((value) => set.has(value));
    const distinct = new Set(matched);
    if (distinct.size >= 2 && matched.length >= 0.8 * meaningful.length) {
      const examples = [...distinct]
        .slice(0, 4)
        .map((value) => `'${value}'`)
        .join(', ');
      const suggestion = {
        column,
        kind,
        evidence: [
          `${Math.round((100 * matched.length) / meaningful.length)} % of sampled values are ${kind} values (${examples})`,
        ],
      };
      return { suggestion, codesOnly: [...distinct].every((value) => value.length === 1) };
    }
  }
  return undefined;
}

const LABEL_NAMES = [
  'label',
  'labels',
  'target',
  'y',
  'class',
  'outcome',
  'ground truth',
  'gold',
  'gold label',
  // Fairlearn's and scikit-learn's name for the true labels beside predictions (`y_true`, `y_pred`).
  'y true',
  'is toxic',
  'toxic',
  // Decisions datasets record (hiring, lending, admissions): what a fairness audit is usually about.
  'hired',
  'approved',
  'accepted',
  'admitted',
  'granted',
  'defaulted',
  'default',
  'churned',
  'churn',
  'converted',
  'survived',
  'decision',
];

/** The column that most likely holds the label: the first whose name is a usual label name. */
export function suggestLabelColumn(columns: readonly string[]): string | undefined {
  for (const name of LABEL_NAMES) {
    const found = columns.find((column) => nameWords(column).join(' ') === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

const ID_WORDS = new Set(['id', 'uuid', 'guid', 'idx', 'index', 'unnamed', 'rowid', 'key']);

/** Row identifiers make every row unique: they are left out of duplicate keys and proxy checks. */
export function looksLikeIdColumn(column: string): boolean {
  const words = nameWords(column);
  const last = words[words.length - 1];
  return words.length === 0 || (last !== undefined && ID_WORDS.has(last)) || column.trim() === '#';
}

const FAVORABLE_VALUES = [
  '1',
  'true',
  'yes',
  'y',
  'positive',
  'pos',
  'good',
  'approved',
  'accepted',
  'accept',
  'hired',
  'granted',
  'pass',
  '>50k',
  '>50k.',
];

/** The favourable value of a binary label, when its values make it plain; undefined otherwise. */
export function inferFavorable(labelValues: readonly string[]): string | undefined {
  if (labelValues.length !== 2) return undefined;
  for (const candidate of FAVORABLE_VALUES) {
    const found = labelValues.find((value) => value.trim().toLowerCase() === candidate);
    if (found !== undefined) return found;
  }
  return undefined;
}
