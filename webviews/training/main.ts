import type { FromTrainingView, ToTrainingView, TrainingViewState } from '../../src/shared/webviewMessages';
import { el } from '../common/dom';
import { watchTheme } from '../common/theme';
import { connectToHost } from '../common/vscodeApi';
import {
  applyMessage,
  EMPTY_VIEW,
  isLiveIncrement,
  markCancelling,
  persistedState,
  type TrainingViewModel,
} from './model/viewModel';
import { restyleCharts } from './view/charts';
import { renderPage, type Page, type PageActions } from './view/page';
import './training.css';

/**
 * The training-run view: draws what the host sends (a snapshot, then live epochs) and sends back the user's
 * actions. All figures come from the pure modules in `model/`; the DOM layer is in `view/`.
 */
const host = connectToHost<ToTrainingView, FromTrainingView, TrainingViewState>();
const root = document.getElementById('root') as HTMLElement;
let model: TrainingViewModel = EMPTY_VIEW;
let page: Page | undefined;

const actions: PageActions = {
  cancel(runId) {
    model = markCancelling(model, runId);
    page?.update(model);
    host.post({ type: 'cancel', runId });
  },
  openFile: (runId, file) => host.post({ type: 'openFile', runId, file }),
  openAttribution: (runId) => host.post({ type: 'openAttribution', runId }),
  applyThresholds: (runId, constraint) => host.post({ type: 'applyThresholds', runId, constraint }),
  pickComparison: () => host.post({ type: 'pickComparison' }),
  clearComparison: () => host.post({ type: 'clearComparison' }),
};

/** Live epochs can come faster than frames (small models): they are drawn at most once per frame. */
let liveUpdateScheduled = false;
function scheduleLiveUpdate(): void {
  if (liveUpdateScheduled) return;
  liveUpdateScheduled = true;
  requestAnimationFrame(() => {
    liveUpdateScheduled = false;
    page?.update(model);
  });
}

host.onMessage((message) => {
  model = applyMessage(model, message);
  if (page && isLiveIncrement(message)) scheduleLiveUpdate();
  else page = renderPage(root, model, actions);
  const state = persistedState(model);
  if (state) host.save(state);
});

// After a reload the host re-reads the runs named in the saved state; say which while it does.
const saved = host.savedState();
if (saved?.runId) {
  const runs = saved.compareRunId ? `${saved.runId} and ${saved.compareRunId}` : saved.runId;
  root.replaceChildren(el('p', { class: 'loading' }, `Loading run ${runs}…`));
}
watchTheme(() => restyleCharts());
host.post({ type: 'ready' });
