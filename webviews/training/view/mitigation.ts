import type { RunRecord } from '../../../src/shared/runs';
import { dataTable, el } from '../../common/dom';
import { mitigationView, type MitigationView } from '../model/mitigation';

/** The privacy budget spent (live, per epoch) and the accuracy–disparity trade-off of a private or constrained run. */

export interface MitigationSection {
  element: HTMLElement;
  update(run: RunRecord): void;
}

function body(view: MitigationView): HTMLElement[] {
  const parts: HTMLElement[] = [el('p', { class: 'mitigation-summary' }, view.summary)];
  if (view.privacy.length > 0) {
    const latest = view.privacy.at(-1)!;
    parts.push(
      el(
        'p',
        { class: 'epsilon', role: 'status', 'data-epsilon': latest.epsilon },
        `ε spent: ${latest.epsilon} after epoch ${latest.epoch} (${latest.steps} steps)`,
      ),
    );
    parts.push(
      dataTable({
        caption: 'Privacy budget spent by the end of each epoch',
        headers: ['Epoch', 'ε', 'Steps'],
        rows: view.privacy.map((row) => [String(row.epoch), row.epsilon, String(row.steps)]),
        className: 'privacy-table',
      }),
    );
    if (view.privacyNote) parts.push(el('p', { class: 'note' }, view.privacyNote));
  }
  if (view.tradeOff.length > 0) {
    parts.push(
      dataTable({
        caption: 'Accuracy and disparity, before and after (expected values for a randomized classifier)',
        headers: ['Split', 'Classifier', 'Accuracy', 'Demographic parity difference', 'Equalized odds difference'],
        rows: view.tradeOff.map((row) => [
          row.split,
          row.classifier,
          row.accuracy,
          row.demographicParity,
          row.equalizedOdds,
        ]),
        className: 'tradeoff-table',
      }),
    );
  }
  if (view.groups.length > 0) {
    parts.push(
      dataTable({
        caption: 'Selection rate by group on the test split',
        headers: ['Group', 'Before', 'After', 'Change'],
        rows: view.groups.map((g) => [g.group, g.before, g.after, g.change]),
        className: 'mitigation-groups',
      }),
    );
  }
  return parts;
}

export function mitigationSection(run: RunRecord): MitigationSection | undefined {
  const view = mitigationView(run);
  if (!view) return undefined;
  const heading = el('h3', {}, view.title);
  const element = el('section', { class: 'mitigation' }, heading, ...body(view));
  return {
    element,
    update(current) {
      const next = mitigationView(current);
      if (next) element.replaceChildren(heading, ...body(next));
    },
  };
}
