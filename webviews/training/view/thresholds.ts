import type { RunRecord } from '../../../src/shared/runs';
import { button, dataTable, el } from '../../common/dom';
import { canApplyThresholds, THRESHOLD_CONSTRAINTS, thresholdRows } from '../model/thresholds';

/** "Apply group thresholds" for a completed run, and the thresholds and their trade-off once applied. */

export function thresholdsSection(
  run: RunRecord,
  apply: ((runId: string, constraint: string) => void) | undefined,
): HTMLElement | undefined {
  if (!apply || !canApplyThresholds(run)) return undefined;
  const select = el(
    'select',
    { 'aria-label': 'Fairness constraint', 'data-control': 'threshold-constraint' },
    ...THRESHOLD_CONSTRAINTS.map((name) =>
      el('option', { value: name, selected: name === (run.thresholds?.constraint ?? 'demographic_parity') }, name),
    ),
  );
  const start = button(
    'Apply group thresholds',
    () => {
      start.disabled = true;
      start.textContent = 'Fitting thresholds…';
      apply(run.id, select.value);
    },
    { 'data-action': 'apply-thresholds' },
  );
  const parts: HTMLElement[] = [
    el(
      'p',
      { class: 'note' },
      'Post-processing (Fairlearn ThresholdOptimizer): a randomized threshold per group, fitted on the validation split and measured on the test split.',
    ),
    el('div', { class: 'threshold-form' }, select, ' ', start),
  ];
  if (run.thresholds) {
    const rows = thresholdRows(run.thresholds);
    parts.push(
      dataTable({
        caption: rows.title,
        headers: ['Group', 'P(favourable) for a score'],
        rows: rows.rules.map((row) => [row.group, row.rule]),
        className: 'threshold-rules',
      }),
    );
    parts.push(
      dataTable({
        caption: 'Accuracy and disparity before and after the thresholds (expected values of the randomized rule)',
        headers: ['Split', 'Classifier', 'Accuracy', 'Demographic parity difference', 'Equalized odds difference'],
        rows: rows.tradeOff.map((row) => [
          row.split,
          row.classifier,
          row.accuracy,
          row.demographicParity,
          row.equalizedOdds,
        ]),
        className: 'threshold-tradeoff',
      }),
    );
  }
  return el('section', { class: 'thresholds' }, el('h3', {}, 'Group thresholds'), ...parts);
}
