import type {
  AttributionMethodName,
  BaselineName,
  ExplainableRun,
  ExplanationResult,
  IntegrationRule,
  LabelIssuesReport,
  RunAttributionResult,
} from './attribution';
import type { Range } from './findings';

/**
 * Messages between the extension host and the attribution webview, typed once for both sides. The host waits for
 * `ready`, sends the runs, then the explanation of the input it was opened on; the view asks for explanations as
 * its controls change. Kept free of `vscode` and LSP imports: the webview bundle imports these types too.
 */

/** What is explained: a dataset row (the document and its 0-based line) or a text typed or selected. */
export type AttributionInput =
  | { kind: 'row'; uri: string; line: number; label: string }
  | { kind: 'text'; text: string };

/** The method controls of the panel. */
export interface AttributionControls {
  method: AttributionMethodName;
  steps: number;
  integration: IntegrationRule;
  /** Undefined: the model's default. */
  baseline?: BaselineName;
  /** Undefined: the predicted class. */
  target?: string;
}

export const DEFAULT_CONTROLS: AttributionControls = { method: 'ig', steps: 50, integration: 'gausslegendre' };

export type ToAttributionView =
  /** The runs to pick from (completed, with a model), and the one in use. */
  | { type: 'runs'; runs: ExplainableRun[]; runId?: string }
  /** Work started; the view shows what, until the next result or error. */
  | { type: 'busy'; what: string }
  | { type: 'explanation'; explanation: ExplanationResult; input: AttributionInput; controls: AttributionControls }
  /** The run's global importance per group and counterfactual gap. */
  | { type: 'runAttribution'; runId: string; result: RunAttributionResult }
  /** Label issues found in a dataset (also shown as diagnostics on its rows). */
  | { type: 'labelIssues'; report: LabelIssuesReport & { uri: string }; file: string }
  | { type: 'error'; message: string };

export type FromAttributionView =
  /** The view's script has loaded and listens: the host may post now (again after a reload). */
  | { type: 'ready' }
  /** Explain this input with this run and these controls. */
  | { type: 'explain'; runId: string; input: AttributionInput; controls: AttributionControls }
  /** Another run was picked. */
  | { type: 'selectRun'; runId: string }
  /** A token or feature was clicked: show it in the dataset. */
  | { type: 'reveal'; uri: string; range: Range }
  /** A label issue was clicked: show its row. */
  | { type: 'revealLine'; uri: string; line: number }
  /** "Find label issues…": the host asks for the columns and the source. */
  | { type: 'findLabelIssues' };

/** What the view keeps with `setState`, so the panel can be restored after a window reload. */
export interface AttributionViewState {
  runId?: string;
  input?: AttributionInput;
  controls?: AttributionControls;
}
