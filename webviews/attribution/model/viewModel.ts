import type {
  ExplainableRun,
  ExplanationResult,
  LabelIssuesReport,
  RunAttributionResult,
} from '../../../src/shared/attribution';
import {
  DEFAULT_CONTROLS,
  type AttributionControls,
  type AttributionInput,
  type AttributionViewState,
  type FromAttributionView,
  type ToAttributionView,
} from '../../../src/shared/attributionMessages';

/** Everything the attribution view shows, built only from the host's messages and the user's choices. */
export interface AttributionViewModel {
  runs: ExplainableRun[];
  runId?: string;
  input?: AttributionInput;
  controls: AttributionControls;
  explanation?: ExplanationResult;
  runAttribution?: { runId: string; result: RunAttributionResult };
  labelIssues?: { report: LabelIssuesReport & { uri: string }; file: string };
  busy?: string;
  error?: string;
}

export function initialModel(saved?: AttributionViewState): AttributionViewModel {
  return {
    runs: [],
    controls: saved?.controls ?? DEFAULT_CONTROLS,
    ...(saved?.runId ? { runId: saved.runId } : {}),
    ...(saved?.input ? { input: saved.input } : {}),
  };
}

export function applyMessage(model: AttributionViewModel, message: ToAttributionView): AttributionViewModel {
  const { busy: _busy, ...settled } = model;
  switch (message.type) {
    case 'runs':
      return {
        ...model,
        runs: message.runs,
        ...(message.runId ? { runId: message.runId } : model.runId ? {} : firstRun(message.runs)),
      };
    case 'busy':
      return { ...model, busy: message.what };
    case 'explanation': {
      const { error: _error, ...clean } = settled;
      return {
        ...clean,
        explanation: message.explanation,
        input: message.input,
        controls: message.controls,
        runId: message.explanation.runId,
      };
    }
    case 'runAttribution':
      return { ...settled, runAttribution: { runId: message.runId, result: message.result } };
    case 'labelIssues':
      return { ...settled, labelIssues: { report: message.report, file: message.file } };
    case 'error':
      return { ...settled, error: message.message };
  }
}

function firstRun(runs: readonly ExplainableRun[]): Partial<AttributionViewModel> {
  return runs[0] ? { runId: runs[0].id } : {};
}

/** The run in use, as listed. */
export function currentRun(model: AttributionViewModel): ExplainableRun | undefined {
  return model.runs.find((run) => run.id === model.runId);
}

/** The request for the current run, input and controls; undefined until there is a run and an input. */
export function explainRequest(
  model: AttributionViewModel,
): Extract<FromAttributionView, { type: 'explain' }> | undefined {
  if (!model.runId || !model.input) return undefined;
  return { type: 'explain', runId: model.runId, input: model.input, controls: model.controls };
}

/** New controls; a baseline or target the run does not have is dropped (back to the model's default). */
export function withControls(
  model: AttributionViewModel,
  controls: Partial<AttributionControls>,
): AttributionViewModel {
  const next = { ...model.controls, ...controls };
  const run = currentRun(model);
  if (run && next.target !== undefined && !run.classes.includes(next.target)) delete next.target;
  if (run?.modelKind === 'tabular' && next.baseline === 'pad') delete next.baseline;
  return { ...model, controls: next };
}

export function withRun(model: AttributionViewModel, runId: string): AttributionViewModel {
  const { explanation: _explanation, runAttribution: _attribution, ...rest } = model;
  return withControls({ ...rest, runId }, {});
}

export function withTypedText(model: AttributionViewModel, text: string): AttributionViewModel {
  return { ...model, input: { kind: 'text', text } };
}

/** What the view saves across reloads. */
export function persistedState(model: AttributionViewModel): AttributionViewState {
  return {
    ...(model.runId ? { runId: model.runId } : {}),
    ...(model.input ? { input: model.input } : {}),
    controls: model.controls,
  };
}
