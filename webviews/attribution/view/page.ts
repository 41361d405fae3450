import type { ExplainedUnit } from '../../../src/shared/attribution';
import { el } from '../../common/dom';
import type { AttributionViewModel } from '../model/viewModel';
import { inputControls, methodControls, runPicker, type ControlActions } from './controls';
import { explanationSection } from './heatmap';
import { runAttributionSection } from './importance';
import { counterfactualSection, labelIssueSection, type IssueActions } from './tables';

export interface PageActions extends ControlActions, IssueActions {
  reveal(unit: ExplainedUnit): void;
}

/** The whole page, drawn again from the model on every message (it is small). */
export function renderPage(root: HTMLElement, model: AttributionViewModel, actions: PageActions): void {
  const explanation = model.explanation;
  const attribution = model.runAttribution?.runId === model.runId ? model.runAttribution?.result : undefined;
  const sections = [
    el('header', { class: 'toolbar' }, el('h1', {}, 'Why the model predicted this'), runPicker(model, actions)),
    inputControls(model, actions),
    methodControls(model, actions),
    model.busy ? el('p', { class: 'loading', role: 'status' }, `${model.busy}…`) : null,
    model.error ? el('p', { class: 'error', role: 'alert' }, model.error) : null,
    explanation ? explanationSection(explanation, actions) : null,
    explanation?.modelKind === 'text'
      ? counterfactualSection(explanation.counterfactuals, explanation.counterfactualTarget ?? explanation.target)
      : null,
    model.runId ? runAttributionSection(attribution) : null,
    model.labelIssues ? labelIssueSection(model.labelIssues, actions) : null,
  ];
  root.replaceChildren(...sections.filter((section): section is HTMLElement => section !== null));
}
