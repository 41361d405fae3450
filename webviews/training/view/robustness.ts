import type { RunRecord } from '../../../src/shared/runs';
import { dataTable, el } from '../../common/dom';
import { robustnessRows } from '../model/robustness';

/** What breaks the model: accuracy under each perturbation, the group hurt most, and the attack (robustness.json). */
export function robustnessSection(run: RunRecord): HTMLElement | undefined {
  if (!run.robustness) return undefined;
  const view = robustnessRows(run.robustness);
  return el(
    'section',
    { class: 'robustness' },
    el('h3', {}, 'Robustness'),
    el('p', {}, view.summary),
    dataTable({
      caption: 'Accuracy under label-preserving perturbations',
      headers: ['Perturbation', 'Accuracy', 'Drop', 'Predictions flipped', 'Group hurt most'],
      rows: view.rows.map((row) => [row.name, row.accuracy, row.drop, row.flipped, row.worst]),
      className: 'robustness-table',
    }),
    view.attack ? el('p', { class: 'attack' }, view.attack) : null,
  );
}
