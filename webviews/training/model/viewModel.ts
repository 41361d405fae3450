import type { EpochMetrics, RunRecord } from '../../../src/shared/runs';
import type { ToTrainingView, TrainingEventMessage, TrainingViewState } from '../../../src/shared/webviewMessages';
import { mergeEpoch } from './series';

/** What the training view shows, updated by the host's messages (a reducer, so it is tested without a DOM). */
export interface TrainingViewModel {
  /** The panel's run, then the run it is compared with. Empty until the first snapshot. */
  runs: RunRecord[];
  /** The last error the host reported; cleared by the next snapshot. */
  error?: string;
  /** Runs whose Cancel was pressed and that have not finished yet. */
  cancelling: string[];
}

export const EMPTY_VIEW: TrainingViewModel = { runs: [], cancelling: [] };

function withEpoch(run: RunRecord, metrics: EpochMetrics): RunRecord {
  const status = {
    ...run.status,
    epochs: metrics.epochs,
    epochsCompleted: Math.max(run.status.epochsCompleted, metrics.epoch),
  };
  return { ...run, metrics: mergeEpoch(run.metrics, metrics), status };
}

type FinishedEvent = Extract<TrainingEventMessage['event'], { kind: 'finished' }>;

function finishedRun(run: RunRecord, event: FinishedEvent, reread: RunRecord | undefined): RunRecord {
  if (reread) return reread;
  const { error: _previous, ...status } = run.status;
  return { ...run, status: { ...status, state: event.state, ...(event.error ? { error: event.error } : {}) } };
}

function applyEvent(model: TrainingViewModel, message: TrainingEventMessage): TrainingViewModel {
  const { event } = message;
  if (event.kind === 'epoch') {
    return { ...model, runs: model.runs.map((run) => (run.id === event.runId ? withEpoch(run, event.metrics) : run)) };
  }
  return {
    ...model,
    runs: model.runs.map((run) => (run.id === event.runId ? finishedRun(run, event, message.run) : run)),
    cancelling: model.cancelling.filter((id) => id !== event.runId),
  };
}

export function applyMessage(model: TrainingViewModel, message: ToTrainingView): TrainingViewModel {
  switch (message.type) {
    // The host sends a new snapshot after a failed Cancel too: it ends any "Cancelling…".
    case 'snapshot':
      return { runs: [message.run], cancelling: [] };
    case 'compare':
      return { runs: [...message.runs], cancelling: [] };
    case 'event':
      return applyEvent(model, message);
    case 'error':
      return { ...model, error: message.message };
  }
}

export function markCancelling(model: TrainingViewModel, runId: string): TrainingViewModel {
  return model.cancelling.includes(runId) ? model : { ...model, cancelling: [...model.cancelling, runId] };
}

/** What `setState` keeps, so the host can reopen the same runs after a reload. */
export function persistedState(model: TrainingViewModel): TrainingViewState | undefined {
  const [own, other] = model.runs;
  if (!own) return undefined;
  return other ? { runId: own.id, compareRunId: other.id } : { runId: own.id };
}

/** An `epoch` event only moves curves and progress; everything else rebuilds the page. */
export function isLiveIncrement(message: ToTrainingView): boolean {
  return message.type === 'event' && message.event.kind === 'epoch';
}
