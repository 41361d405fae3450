import type { Range } from '../../../shared/findings';
import { cellValueRange, type Cell } from '../../parse';
import { finiteOrNull } from '../groupMetrics';
import { benjaminiHochberg, fisherExact } from '../../stats';
import type { IdentityTermStats } from '../types';
import { RecentValues } from '../recentValues';
import type { IdentityTermMatcher } from './termMatcher';

interface TermCounts {
  /** Text rows mentioning the term. */
  rows: number;
  /** Labelled rows mentioning it, per label id. */
  byLabel: number[];
  lastRow: number;
  occurrences: Array<{ column: string; row: number; range: Range }>;
  occurrenceCount: number;
}

export interface TermQuestion {
  /** Label ids to compare, one-vs-rest, with their values. */
  classes: Array<{ id: number; value: string }>;
  alpha: number;
  /** Terms in fewer labelled rows are reported but never significant. */
  minRows: number;
  /** Rate ratios (either way) below this count as a difference worth reporting (the four-fifths rule again). */
  ratioThreshold: number;
}

/** Per identity term: rows mentioning it and their labels. Memory: one entry per term seen, a few occurrences each. */
export class IdentityTermTally {
  private readonly counts = new Map<number, TermCounts>();
  /** Text rows (at least one non-empty text cell) per label id, and in all. */
  private readonly textRowsByLabel: number[] = [];
  private textRows = 0;

  constructor(
    private readonly matcher: IdentityTermMatcher,
    private readonly occurrencesPerTerm: number,
    /** Matches of recent values, by value. */
    private readonly recent = new RecentValues<Int32Array>(),
  ) {}

  /** One row's text cells; `labelId` is -1 without a label. */
  addRow(cells: readonly Cell[], row: number, labelId: number): void {
    if (cells.every((cell) => cell.value.trim() === '')) return;
    this.textRows++;
    if (labelId >= 0) this.textRowsByLabel[labelId] = (this.textRowsByLabel[labelId] ?? 0) + 1;
    for (const cell of cells) {
      const matches = this.matchesIn(cell.value);
      for (let k = 0; k < matches.length; k += 3)
        this.count(matches[k] ?? 0, cell, row, labelId, matches[k + 1] ?? 0, matches[k + 2] ?? 0);
    }
  }

  /** The matches in `text` as (term, start, end) triples, left to right; a recent value's are looked up. */
  private matchesIn(text: string): Int32Array {
    const known = this.recent.get(text);
    if (known) return known;
    const found: number[] = [];
    this.matcher.forEachMatch(text, (term, start, end) => found.push(term, start, end));
    const matches = found.length === 0 ? NO_MATCHES : Int32Array.from(found);
    this.recent.set(text, matches);
    return matches;
  }

  private count(term: number, cell: Cell, row: number, labelId: number, start: number, end: number): void {
    let counts = this.counts.get(term);
    if (!counts)
      this.counts.set(term, (counts = { rows: 0, byLabel: [], lastRow: -1, occurrences: [], occurrenceCount: 0 }));
    counts.occurrenceCount++;
    if (counts.occurrences.length < this.occurrencesPerTerm) {
      counts.occurrences.push({ column: cell.column, row, range: cellValueRange(cell, start, end) });
    }
    if (counts.lastRow === row) return;
    counts.lastRow = row;
    counts.rows++;
    if (labelId >= 0) counts.byLabel[labelId] = (counts.byLabel[labelId] ?? 0) + 1;
  }

  /** Fisher's exact test per term and class (term rows against the other text rows), Benjamini–Hochberg over all of them. */
  finish(question: TermQuestion): IdentityTermStats[] {
    const labelledTotal = this.textRowsByLabel.reduce((sum, value) => sum + (value ?? 0), 0);
    const results: Array<{ stats: IdentityTermStats; labelled: number }> = [];
    for (const [termIndex, counts] of this.counts) {
      const term = this.matcher.terms[termIndex];
      if (!term) continue;
      const labelled = counts.byLabel.reduce((sum, value) => sum + (value ?? 0), 0);
      const base = {
        term: term.term,
        category: term.category,
        rows: counts.rows,
        occurrences: counts.occurrences,
        occurrenceCount: counts.occurrenceCount,
      };
      if (labelled === 0 || labelled === labelledTotal || question.classes.length === 0) {
        results.push({ stats: { ...base, ...UNTESTED, labelValue: question.classes[0]?.value ?? '' }, labelled });
        continue;
      }
      for (const { id, value } of question.classes) {
        const a = counts.byLabel[id] ?? 0;
        const c = (this.textRowsByLabel[id] ?? 0) - a;
        const { oddsRatio, pValue } = fisherExact([
          [a, labelled - a],
          [c, labelledTotal - labelled - c],
        ]);
        const stats: IdentityTermStats = {
          ...base,
          labelValue: value,
          rate: a / labelled,
          restRate: c / (labelledTotal - labelled),
          overallRate: (a + c) / labelledTotal,
          oddsRatio: finiteOrNull(oddsRatio),
          pValue,
          qValue: null,
          significant: false,
        };
        results.push({ stats, labelled });
      }
    }
    markSignificant(results, question);
    return results
      .map((result) => result.stats)
      .sort((x, y) => (x.qValue ?? 2) - (y.qValue ?? 2) || y.rows - x.rows || x.term.localeCompare(y.term));
  }

  get rowsWithText(): number {
    return this.textRows;
  }
}

const NO_MATCHES = new Int32Array(0);

const UNTESTED = {
  rate: null,
  restRate: null,
  overallRate: null,
  oddsRatio: null,
  pValue: null,
  qValue: null,
  significant: false,
} as const;

function markSignificant(results: Array<{ stats: IdentityTermStats; labelled: number }>, question: TermQuestion): void {
  const tested = results.filter((result) => result.stats.pValue !== null);
  const qValues = benjaminiHochberg(tested.map((result) => result.stats.pValue ?? NaN));
  tested.forEach(({ stats, labelled }, i) => {
    stats.qValue = qValues[i] ?? null;
    const ratio = stats.rate !== null && stats.restRate !== null ? symmetricRatio(stats.rate, stats.restRate) : 1;
    stats.significant =
      stats.qValue !== null &&
      stats.qValue < question.alpha &&
      labelled >= question.minRows &&
      ratio < question.ratioThreshold;
  });
}

function symmetricRatio(a: number, b: number): number {
  if (a === b) return 1;
  if (a === 0 || b === 0) return 0;
  return Math.min(a / b, b / a);
}
