/**
 * The JSON of an evaluation and of a fairness report, as `report.json`, `rml train`, `rml fairness` and the run
 * panel read them. Declared here, below every process, so the engine writes and the panel reads the same types.
 * `null` marks a metric the data leaves undefined.
 */

/** A percentile interval; `resamples` is how many resamples defined the statistic (a group can be absent from one). */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  resamples: number;
}

/** How intervals were computed, reported next to them. */
export interface BootstrapSettings {
  method: 'percentile';
  resamples: number;
  seed: number;
  level: number;
}

/** The per-group numbers `rml fairness` prints (Fairlearn `count`, `accuracy_score`, `selection_rate`, TPR, FPR). */
export interface GroupRates {
  count: number;
  accuracy: number;
  selectionRate: number;
  truePositiveRate: number;
  falsePositiveRate: number;
}

/** The rates of `GroupRates` that get intervals (every one but `count`). */
export type RateName = 'accuracy' | 'selectionRate' | 'truePositiveRate' | 'falsePositiveRate';

/** Interval per rate; null when no resample defined it. */
export type RateIntervals = Record<RateName, ConfidenceInterval | null>;

/** The disparity keys a fairness report may carry. */
export type DisparityName =
  | 'demographicParityDifference'
  | 'demographicParityRatio'
  | 'equalizedOddsDifference'
  | 'equalizedOddsRatio'
  | 'equalOpportunityDifference'
  | 'equalOpportunityRatio'
  | 'statisticalParityDifference'
  | 'disparateImpact'
  | 'averageOddsDifference';

export interface FairnessIntervals extends BootstrapSettings {
  overall: RateIntervals;
  byGroup: Record<string, RateIntervals>;
  /** Interval per disparity present in the report. */
  disparities: Partial<Record<DisparityName, ConfidenceInterval | null>>;
}

/** What a model's disparities are judged against (`src/shared/disparities.ts` applies them). */
export interface DisparityThresholds {
  /** Ratios below this are outside (four-fifths rule: 0.8); AIF360's disparate impact also above 1 / this. */
  minRatio: number;
  /** Absolute differences above this are outside. */
  maxDifference: number;
  /** A disparity resting on a group with fewer examples than this is too small to judge. */
  minGroupSize: number;
}

/** Fairlearn's disparities, `method='between_groups'`: largest difference, smallest ratio across groups. */
export interface FairlearnDisparities {
  /** `demographic_parity_difference`: max − min selection rate. */
  demographicParityDifference: number;
  /** `demographic_parity_ratio`: min / max selection rate. */
  demographicParityRatio: number;
  /** `equalized_odds_difference` (agg='worst_case'): the larger of the TPR and FPR differences. */
  equalizedOddsDifference: number;
  /** `equalized_odds_ratio`: the smaller of the TPR and FPR ratios. */
  equalizedOddsRatio: number;
  /** `equal_opportunity_difference`: max − min TPR. */
  equalOpportunityDifference: number;
  /** `equal_opportunity_ratio`: min / max TPR. */
  equalOpportunityRatio: number;
}

/** AIF360 `ClassificationMetric`, unprivileged minus (or over) privileged, on predictions and sample weights. */
export interface PrivilegedComparison {
  /** P(ŷ = fav | unprivileged) − P(ŷ = fav | privileged). */
  statisticalParityDifference: number;
  /** P(ŷ = fav | unprivileged) / P(ŷ = fav | privileged); null when the privileged rate is 0 and the other is not. */
  disparateImpact: number | null;
  /** ½[(FPR_u − FPR_p) + (TPR_u − TPR_p)]. */
  averageOddsDifference: number;
}

export interface FairnessReport extends FairlearnDisparities, Partial<PrivilegedComparison> {
  overall: GroupRates;
  byGroup: Record<string, GroupRates>;
  intervals?: FairnessIntervals;
}

/** One-vs-rest scores of one class (scikit-learn `precision_recall_fscore_support(average=None)`). */
export interface ClassScores {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  /** Summed weight of the examples whose true label is this class (their count when unweighted). */
  support: number;
  /** One-vs-rest ROC AUC of this class's probability; null when the class is never or always the true one. */
  rocAuc: number | null;
}

/** A bin of the reliability diagram. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  /** Examples in the bin. */
  count: number;
  /** Their summed sample weight. */
  weight: number;
  /** Mean predicted probability (confidence); null for an empty bin. */
  meanPredicted: number | null;
  /** Observed frequency of the outcome; null for an empty bin. */
  observedFrequency: number | null;
}

export interface Calibration {
  /**
   * `positive-class`: binary, the positive class's probability against how often it is the true class
   * (scikit-learn `calibration_curve`). `top-label`: the highest probability against how often the argmax is right.
   */
  kind: 'positive-class' | 'top-label';
  /** `positive-class` only: the class whose probability is binned. */
  positiveClass?: string;
  /** Σ_b (weight_b / total) · |observedFrequency_b − meanPredicted_b| over 10 equal-width bins. */
  expectedCalibrationError: number;
  bins: ReliabilityBin[];
}

/** The fairness report of one grouping, with each group's k × k confusion matrix (rows true, columns predicted). */
export interface GroupFairness {
  report: FairnessReport;
  confusionMatrices: Record<string, number[][]>;
}

export interface EvaluationFairness {
  /** The favourable class the reports use. */
  positiveClass: string;
  /** What the disparities were judged against (see `src/shared/disparities.ts`); absent in runs made before. */
  thresholds?: DisparityThresholds;
  /** One report per sensitive column. */
  byColumn: Record<string, GroupFairness>;
  /** Groups of all sensitive columns together (`F,black`); present with two or more columns. */
  intersection?: GroupFairness;
}

/** The headline metrics that get bootstrap intervals. */
export type HeadlineMetric =
  | 'accuracy'
  | 'macroPrecision'
  | 'macroRecall'
  | 'macroF1'
  | 'rocAuc'
  | 'logLoss'
  | 'expectedCalibrationError';

export type EvaluationIntervals = BootstrapSettings & Record<HeadlineMetric, ConfidenceInterval | null>;

/**
 * Why an evaluation's fairness figures say little: `model/constant-prediction` when one class is predicted for
 * ≥ 99 % of the examples, `model/chance-level` when the ROC AUC is ≤ 0.55. Parity between groups is then
 * a property of a model that does not tell anyone apart, not evidence of fairness.
 */
export interface ModelWarning {
  code: 'model/constant-prediction' | 'model/chance-level';
  message: string;
}

export interface EvaluationReport {
  examples: number;
  classes: string[];
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  perClass: ClassScores[];
  /** Binary: ROC AUC of the class-1 probability. More classes: macro one-vs-rest; null if a class's AUC is undefined. */
  rocAuc: number | null;
  logLoss: number;
  calibration: Calibration;
  /** Weighted counts, rows = true class, columns = predicted class (scikit-learn `confusion_matrix`). */
  confusionMatrix: number[][];
  fairness?: EvaluationFairness;
  /** Bootstrap intervals of the headline metrics; the fairness reports carry their own. */
  intervals?: EvaluationIntervals;
  /** Present when the predictions make the fairness figures uninformative (empty arrays are left out). */
  warnings?: ModelWarning[];
}
