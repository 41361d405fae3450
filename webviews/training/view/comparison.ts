import type { RunRecord } from '../../../src/shared/runs';
import { dataTable, el } from '../../common/dom';
import type { CurveAxes } from '../model/axes';
import { alignEpochs, comparisonRows, type ComparisonRow } from '../model/comparison';
import { formatCount, formatDelta, formatLoss, formatRate, formatSeconds } from '../model/format';
import type { LineSpec } from './charts';
import { chartFigure } from './figure';

/** Above the two columns: what changed from run A to run B, and both validation-loss curves on one chart. */

function formatValue(row: ComparisonRow, value: number | null): string {
  if (value === null) return '—';
  if (row.format === 'loss') return formatLoss(value);
  if (row.format === 'count') return formatCount(value);
  if (row.format === 'seconds') return formatSeconds(value);
  return formatRate(value);
}

function valueCell(row: ComparisonRow, side: 'a' | 'b'): Node {
  const flagged = row.flagged?.[side === 'a' ? 0 : 1] ?? false;
  const text = `${formatValue(row, row[side])}${flagged ? ' ⚠' : ''}`;
  return el(
    'span',
    { class: row.better === side ? 'better' : undefined, title: flagged ? 'outside its threshold' : undefined },
    text,
  );
}

function deltaText(row: ComparisonRow): string {
  if (row.delta === null) return '—';
  const sign = row.delta > 0 ? '+' : row.delta < 0 ? '\u2212' : '';
  const size = Math.abs(row.delta);
  const delta = row.format === 'rate' ? formatDelta(row.delta) : `${sign}${formatValue(row, size)}`;
  return row.better ? `${delta} (${row.better.toUpperCase()} better)` : delta;
}

function summaryTable(a: RunRecord, b: RunRecord): HTMLTableElement {
  const rows = comparisonRows(a, b);
  return dataTable({
    caption: `A: ${a.id} · B: ${b.id}`,
    headers: ['Figure', 'A', 'B', 'B − A'],
    rows: rows.map((row) => [`${row.section}: ${row.label}`, valueCell(row, 'a'), valueCell(row, 'b'), deltaText(row)]),
    className: 'comparison-table',
  });
}

function overlaySpec(a: RunRecord, b: RunRecord, axes: CurveAxes): LineSpec {
  const aligned = alignEpochs(a.metrics, b.metrics);
  const points = (side: typeof aligned.a) =>
    aligned.epochs.map((x, index) => ({ x, y: side[index]?.validationLoss ?? null }));
  return {
    kind: 'line',
    x: { ...axes.epochs, title: 'Epoch' },
    y: { ...axes.loss, title: 'Validation loss' },
    series: [
      { label: `A: ${a.id}`, points: points(aligned.a), color: 0 },
      { label: `B: ${b.id}`, points: points(aligned.b), color: 2 },
    ],
  };
}

function overlayTable(a: RunRecord, b: RunRecord): HTMLTableElement {
  const aligned = alignEpochs(a.metrics, b.metrics);
  return dataTable({
    caption: 'Validation loss by epoch, A and B',
    headers: ['Epoch', 'A', 'B'],
    rows: aligned.epochs.map((epoch, index) => [
      String(epoch),
      formatLoss(aligned.a[index]?.validationLoss),
      formatLoss(aligned.b[index]?.validationLoss),
    ]),
  });
}

export interface ComparisonSection {
  element: HTMLElement;
  update(a: RunRecord, b: RunRecord, axes: CurveAxes): void;
}

export function comparisonSection(a: RunRecord, b: RunRecord, axes: CurveAxes): ComparisonSection {
  const description = (x: RunRecord, y: RunRecord) =>
    `Validation loss of run A (${x.metrics.length} epochs) and run B (${y.metrics.length} epochs) by epoch.`;
  const overlay = chartFigure(
    'Validation loss, A and B',
    overlaySpec(a, b, axes),
    description(a, b),
    'comparison',
    () => overlayTable(a, b),
  );
  const tableBox = el('div', { class: 'comparison-summary' }, summaryTable(a, b));
  const element = el(
    'section',
    { class: 'comparison', 'aria-label': 'Comparison' },
    el('h2', {}, 'Comparison'),
    tableBox,
    overlay.element,
  );
  return {
    element,
    update(x, y, nextAxes) {
      tableBox.replaceChildren(summaryTable(x, y));
      overlay.update(overlaySpec(x, y, nextAxes), description(x, y), () => overlayTable(x, y));
    },
  };
}
