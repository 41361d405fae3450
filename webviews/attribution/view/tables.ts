import type { CounterfactualPair, LabelIssuesReport } from '../../../src/shared/attribution';
import { dataTable, el } from '../../common/dom';
import { formatScore } from '../model/heatScale';

/** Counterfactual swaps side by side, and the label-issue list. Rows with a place in the dataset can be clicked. */

export function counterfactualSection(pairs: readonly CounterfactualPair[], target: string): HTMLElement {
  const heading = el('h3', {}, 'Counterfactual identity swaps');
  if (pairs.length === 0)
    return el(
      'section',
      { class: 'counterfactuals' },
      heading,
      el('p', { class: 'note' }, 'No identity term to swap in this input.'),
    );
  return el(
    'section',
    { class: 'counterfactuals' },
    heading,
    dataTable({
      caption: `Each identity term swapped once; Δ is the change in P(${target})`,
      headers: ['Swap', 'Original', 'Counterfactual', 'Δ'],
      rows: pairs.map((pair) => [
        `${pair.swapped.from} → ${pair.swapped.to}`,
        pair.original,
        pair.counterfactual,
        el('span', { class: pair.delta > 0 ? 'raises' : pair.delta < 0 ? 'lowers' : '' }, formatScore(pair.delta)),
      ]),
      className: 'pairs',
    }),
  );
}

export interface IssueActions {
  revealLine(uri: string, line: number): void;
}

export function labelIssueSection(
  labels: { report: LabelIssuesReport & { uri: string }; file: string },
  actions: IssueActions,
): HTMLElement {
  const { report, file } = labels;
  const source =
    report.probabilities.source === 'file'
      ? 'your predicted probabilities'
      : `${report.probabilities.folds}-fold out-of-sample probabilities`;
  const summary = `${report.issues.length} of ${report.rows} rows of ${file} look mislabelled (${report.filter}, ${source}${report.rank ? `, ranked by ${report.rank}` : ''}).`;
  const rows = report.issues.slice(0, 200).map((issue) => {
    const reveal = el(
      'button',
      { type: 'button', class: 'link', 'data-line': issue.line, 'aria-label': `Show line ${issue.line}` },
      `line ${issue.line}`,
    );
    reveal.addEventListener('click', () => actions.revealLine(report.uri, issue.line - 1));
    return [reveal, issue.given, issue.suggested, issue.score.toFixed(3)];
  });
  return el(
    'section',
    { class: 'label-issues' },
    el('h3', {}, 'Label issues'),
    el('p', {}, summary),
    rows.length > 0
      ? dataTable({
          caption: 'Rows whose label looks wrong; fix one from its diagnostic ("Change label to …")',
          headers: ['Row', 'Given', 'Suggested', 'Score'],
          rows,
        })
      : null,
    report.issues.length > rows.length
      ? el('p', { class: 'note' }, `Showing the first ${rows.length}; all of them are diagnostics in the dataset.`)
      : null,
  );
}
