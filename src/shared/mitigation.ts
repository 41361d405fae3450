/**
 * Training with a privacy budget (DP-SGD) or a fairness constraint, as a training request asks for it and as the run
 * records it: `config.json` (`privacy`, `mitigation`), each line of `metrics.jsonl` (`privacy`: ε spent so far) and
 * `mitigation.json` (the constraint, the achieved disparity and accuracy, before and after).
 */

/** DP-SGD (Opacus's semantics): give a noise multiplier, or a target ε the noise is chosen for. */
export interface PrivacyRequest {
  /** σ: noise standard deviation relative to the clipping norm. */
  noiseMultiplier?: number;
  /** Train to this ε at δ (Opacus `make_private_with_epsilon`): σ found by `get_noise_multiplier`. */
  targetEpsilon?: number;
  /** C: per-example gradient norm bound (default 1). */
  maxGradNorm?: number;
  /** δ (default 1e-5). */
  delta?: number;
}

export type FairnessConstraintName =
  | 'demographic_parity'
  | 'equalized_odds'
  | 'error_rate_parity'
  | 'true_positive_rate_parity'
  | 'false_positive_rate_parity';

/** In-processing: ExponentiatedGradient reductions, or a fairness penalty in the loss. */
export interface MitigationRequest {
  method: 'expgrad' | 'regularizer';
  /** expgrad: any of FairnessConstraintName; regularizer: demographic_parity or equalized_odds. */
  constraint: FairnessConstraintName;
  /** expgrad: B = 1/eps and the allowed difference (default 0.01). */
  eps?: number;
  /** regularizer: λ, the weight of the penalty (default 1). */
  weight?: number;
}

/** The privacy a run's config.json records (resolved: σ known). */
export interface RunPrivacy {
  noiseMultiplier: number;
  maxGradNorm: number;
  delta: number;
  sampleRate: number;
  /** Expected batch size q·N (the divisor of the noisy sum). */
  expectedBatchSize: number;
  targetEpsilon?: number;
  conversion: 'improved' | 'classic';
  /** Host PRNG noise, not a CSPRNG (as Opacus without secure_mode). */
  secureNoise: false;
}

/** ε spent after an epoch, in each metrics.jsonl line of a private run. */
export interface EpochPrivacy {
  epsilon: number;
  delta: number;
  /** The RDP order the bound was attained at. */
  order: number;
  conversion: 'improved' | 'classic';
  steps: number;
}

/** Overall accuracy and the disparities of one classifier on one split (expected values for randomized ones). */
export interface MitigationFigures {
  accuracy: number;
  selectionRates: Record<string, number>;
  demographicParityDifference: number;
  equalizedOddsDifference: number;
}

/** `mitigation.json`. */
export interface RunMitigation {
  version: 1;
  method: 'expgrad' | 'regularizer' | 'dp-sgd';
  constraint?: FairnessConstraintName;
  parameters: Record<string, number>;
  /** Sensitive columns the groups are made of (joined with ','). */
  sensitive: string[];
  /** `before`: the unconstrained model of the same run (expgrad), absent otherwise; `after`: the run's classifier. */
  /** expgrad: the training rows, where the constraint is enforced (held-out splits show how it generalises). */
  train?: { before?: MitigationFigures; after: MitigationFigures };
  validation: { before?: MitigationFigures; after: MitigationFigures };
  test: { before?: MitigationFigures; after: MitigationFigures };
  /** expgrad: the randomized classifier's size. */
  expgrad?: { hypotheses: number; weights: number[]; bestGap: number; oracleCalls: number; iterations: number };
  privacy?: EpochPrivacy;
}

/** Post-processing of a finished run: group thresholds fitted on its validation split, measured on its test split. */
export interface ThresholdsRequestParams {
  runId: string;
  /** A ThresholdOptimizer constraint (default demographic_parity). */
  constraint?: string;
  /** Default accuracy_score. */
  objective?: string;
}

/** One group's randomized rule: P(1) = p0·[score op0 threshold0] + p1·[score op1 threshold1] (± the EO coin). */
export interface GroupThresholdRule {
  p0: number;
  operation0: '>' | '<';
  /** ±Infinity are written as the strings "Infinity" / "-Infinity" in JSON. */
  threshold0: number | string;
  p1: number;
  operation1: '>' | '<';
  threshold1: number | string;
  pIgnore?: number;
  predictionConstant?: number;
}

/** `thresholds.json` of a run, and the answer of the thresholds request. */
export interface RunThresholds {
  version: 1;
  constraint: string;
  objective: string;
  gridSize: number;
  flip: boolean;
  sensitive: string[];
  groups: Record<string, GroupThresholdRule>;
  /** Where the thresholds were fitted (validation) and where they are measured without having seen it (test). */
  validation: { before: MitigationFigures; after: MitigationFigures };
  test: { before: MitigationFigures; after: MitigationFigures };
}

/** `robustness.json` of a run (written by `rml robustness --run DIR --save`): the perturbation suite and the attack. */
export interface RunRobustness {
  version: 1;
  source: string;
  /** What the model reads, so the rows are called texts or rows; absent in files written before tabular runs. */
  input?: 'text' | 'tabular';
  rows: number;
  clean: { accuracy: number; byGroup: Record<string, { count: number; accuracy: number }> };
  perturbations: Array<{
    name: string;
    accuracy: number;
    drop: number;
    flipRate: number;
    changedRate: number;
    byGroup: Record<string, { count: number; accuracy: number; drop?: number }>;
    worstGroup?: string;
  }>;
  attack?: {
    method: 'hotflip';
    budget: number;
    attacked: number;
    succeeded: number;
    successRate: number;
    meanEdits: number;
  };
}
