import type {
  AttributionViewState,
  FromAttributionView,
  ToAttributionView,
} from '../../src/shared/attributionMessages';
import { connectToHost } from '../common/vscodeApi';
import {
  applyMessage,
  explainRequest,
  initialModel,
  persistedState,
  withControls,
  withRun,
  withTypedText,
  type AttributionViewModel,
} from './model/viewModel';
import { renderPage, type PageActions } from './view/page';
import './attribution.css';

/**
 * The attribution view: why a run's model predicted what it did for a row or a text — token heatmap, counterfactual
 * swaps, global importance per group, label issues. Figures come from the pure modules in `model/`; the DOM in `view/`.
 */
const host = connectToHost<ToAttributionView, FromAttributionView, AttributionViewState>();
const root = document.getElementById('root') as HTMLElement;
let model: AttributionViewModel = initialModel(host.savedState());

function show(next: AttributionViewModel): void {
  model = next;
  renderPage(root, model, actions);
  host.save(persistedState(model));
}

function explainAgain(next: AttributionViewModel): void {
  const request = explainRequest(next);
  show(request ? { ...next, busy: 'Explaining' } : next);
  if (request) host.post(request);
}

const actions: PageActions = {
  selectRun(runId) {
    host.post({ type: 'selectRun', runId });
    explainAgain(withRun(model, runId));
  },
  setControls: (controls) => explainAgain(withControls(model, controls)),
  explainText: (text) => explainAgain(withTypedText(model, text)),
  findLabelIssues: () => host.post({ type: 'findLabelIssues' }),
  reveal(unit) {
    const row = model.explanation?.row;
    if (row && unit.range) host.post({ type: 'reveal', uri: row.uri, range: unit.range });
  },
  revealLine: (uri, line) => host.post({ type: 'revealLine', uri, line }),
};

host.onMessage((message) => show(applyMessage(model, message)));
show(model);
host.post({ type: 'ready' });
