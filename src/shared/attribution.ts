/**
 * What attribution, counterfactual fairness and label-issue results look like as JSON: in a run's
 * `attribution.json`, in the server's answers, in the attribution panel. Plain values, no behaviour; the engine
 * computes them (src/engine/attribution, counterfactual, labels).
 */
import type { Range } from './findings';

export type AttributionMethodName = 'ig' | 'gradxinput' | 'saliency' | 'occlusion' | 'ablation' | 'kernelshap';
export type IntegrationRule =
  | 'gausslegendre'
  | 'riemann_left'
  | 'riemann_right'
  | 'riemann_middle'
  | 'riemann_trapezoid';
/** `pad`: the pad token (text); `zero`: zero embeddings, or the zero encoded vector (tabular). */
export type BaselineName = 'pad' | 'zero';

// ── Global importance ────────────────────────────────────────────────────────────────────────────────

/** One word (text models) or column (tabular) and how much it moves predictions. */
export interface ImportanceEntry {
  /** The word as the model reads it (NFKC, lower case), or the column name. */
  feature: string;
  /** Mean over the examples of |its attribution| (0 where it does not occur): SHAP's global importance. */
  meanAbs: number;
  /** Mean of its attribution (signed): which way it pushes the predicted class, on average. */
  mean: number;
  /** Examples it occurs in. */
  examples: number;
}

export interface ImportanceTable {
  examples: number;
  entries: ImportanceEntry[];
}

/** Global importance over a split, overall and per group of each sensitive column. */
export interface GlobalImportance {
  method: string;
  /** Examples explained (a seeded sample when the split is larger than the limit) and the split's size. */
  examples: number;
  total: number;
  overall: ImportanceTable;
  /** Sensitive column → group value → its table. */
  byGroup: Record<string, Record<string, ImportanceTable>>;
}

// ── Counterfactual token fairness ───────────────────────────────────────────────────────────────────

/** One swapped text beside its original, with the change in the explained class's probability. */
export interface CounterfactualPair {
  /** 1-based line of the row in its file (0 when the text came from elsewhere). */
  line: number;
  /** 0-based data row. */
  row: number;
  original: string;
  counterfactual: string;
  /** The occurrence swapped and its replacement (UTF-16 offsets into the original). */
  swapped: { from: string; to: string; category: string; start: number; end: number };
  /** P(target | counterfactual) − P(target | original). */
  delta: number;
}

/** Counterfactual token fairness over a set of texts. */
export interface CounterfactualReport {
  /** Garg et al. 2019's CTF gap: the mean over examples with a swap of the mean |delta| of their counterfactuals. */
  gap: number;
  /** Examples with at least one swappable term. */
  examples: number;
  /** Texts looked at. */
  texts: number;
  /** The class whose probability is compared: the positive class (two classes), else each original's prediction. */
  target: string;
  pairs: CounterfactualPair[];
  /** Mean |delta| by category of the term swapped. */
  byCategory: Record<string, { pairs: number; meanAbsDelta: number }>;
}

// ── The run file ────────────────────────────────────────────────────────────────────────────────────

/** `attribution.json`: computed on the test split when training completes. */
export interface RunAttribution {
  version: 1;
  id: string;
  finishedAt: string;
  /** Which words (text) or columns (tabular) drive predictions, overall and per sensitive group. */
  globalImportance: GlobalImportance;
  /** Text models: the counterfactual token fairness gap, with at most 100 pairs (the largest changes). */
  counterfactual?: CounterfactualReport & { threshold: number; exceeds: boolean };
  /** What could not be computed, and why (the rest of the file still holds). */
  warnings: string[];
}

// ── Runs the attribution panel offers ──────────────────────────────────────────────────────────────────

/** A completed run with a saved model, as the attribution panel's run picker shows it. */
export interface ExplainableRun {
  id: string;
  modelKind: 'text' | 'tabular';
  classes: string[];
  /** The dataset it trained on, and whether that is the document the request named. */
  datasetUri?: string;
  sameDataset: boolean;
  /** The text column (text models) or feature columns (tabular) it reads. */
  textColumn?: string;
  features?: string[];
  finishedAt?: string;
  accuracy?: number;
  hasAttribution: boolean;
}

export interface RunAttributionResult {
  /** The run's `attribution.json`; null when it has none (yet). */
  attribution: RunAttribution | null;
  /** Being computed now (it is, for a little while after training). */
  pending: boolean;
  /** Why it could not be computed. */
  error?: string;
}

// ── One explanation ─────────────────────────────────────────────────────────────────────────────────

/** A word or column with its score; `range` places it in the dataset file when the input was a row. */
export interface ExplainedUnit {
  text: string;
  /** UTF-16 offsets into the text (text models). */
  start: number;
  end: number;
  score: number;
  column?: string;
  range?: Range;
}

/** Why a run's model predicted what it did for one input. */
export interface ExplanationResult {
  runId: string;
  modelKind: 'text' | 'tabular';
  classes: string[];
  /** In `classes` order. */
  probabilities: number[];
  prediction: string;
  target: string;
  method: AttributionMethodName;
  baseline: BaselineName;
  /** Baselines the model takes, the default first. */
  baselines: BaselineName[];
  units: ExplainedUnit[];
  /** Integrated gradients: Σ scores − (output − baselineOutput), Captum's convergence delta; else null. */
  delta: number | null;
  output: number;
  baselineOutput: number;
  integration?: { method: IntegrationRule; steps: number };
  /** The explained text (text models), so a typed or selected input can be shown. */
  text?: string;
  /** The row explained, when the input was a dataset row: its document, 0-based start line, 0-based data row. */
  row?: { uri: string; line: number; index: number };
  /** Text models: one counterfactual per identity-term occurrence, with its prediction change. */
  counterfactuals: CounterfactualPair[];
  /** The class whose probability the counterfactual deltas compare (the positive class of a binary model). */
  counterfactualTarget?: string;
}

// ── Label issues ────────────────────────────────────────────────────────────────────────────────────

export type LabelFilterName =
  | 'prune_by_noise_rate'
  | 'prune_by_class'
  | 'both'
  | 'confident_learning'
  | 'predicted_neq_given';
export type RankMethodName = 'self_confidence' | 'normalized_margin' | 'confidence_weighted_entropy';

/** One row whose label looks wrong. */
export interface LabelIssue {
  /** 1-based line where the row starts. */
  line: number;
  /** 0-based index among the data rows. */
  row: number;
  given: string;
  /** The most probable class (never the given one for a flagged row). */
  suggested: string;
  /** Label quality score by the rank method (self_confidence when none was asked for): lower is worse. */
  score: number;
}

/** Confident learning's result on a dataset. */
export interface LabelIssuesReport {
  classes: string[];
  rows: number;
  filter: LabelFilterName;
  /** The ranking asked for; issues are in that order, else in row order. */
  rank: RankMethodName | null;
  issues: LabelIssue[];
  /** Per-class confident thresholds, in class order. */
  thresholds: number[];
  /** The calibrated confident joint, [given][true] in class order. */
  confidentJoint: number[][];
  /** Where the probabilities came from. */
  probabilities:
    | { source: 'file'; file: string }
    | { source: 'k-fold'; folds: number; seed: number; model: string; epochs: number };
}
