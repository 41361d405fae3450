/**
 * When an evaluation's fairness figures say nothing: a model that predicts one class for (nearly) everyone has
 * equal selection rates in every group, and one that ranks at chance has rates that differ only by noise. Either
 * way "within the threshold" would be read as "fair"; the report carries a warning instead.
 */
import type { ModelWarning } from '../../shared/reports';

/** One class for at least this share of the examples is "constant". */
export const CONSTANT_PREDICTION_SHARE = 0.99;
/** A ROC AUC at or below this is chance level (0.5 is a coin toss; 0.55 leaves room for sampling noise). */
export const CHANCE_LEVEL_AUC = 0.55;

export interface PredictionSummary {
  /** Predicted class index of each example (argmax). */
  predicted: ArrayLike<number>;
  classes: readonly string[];
  /** Binary or macro one-vs-rest; null when undefined. */
  rocAuc: number | null;
}

const percent = (share: number) => `${(share * 100).toFixed(share >= 0.995 && share < 1 ? 1 : 0)} %`;

export function modelWarnings({ predicted, classes, rocAuc }: PredictionSummary): ModelWarning[] {
  const warnings: ModelWarning[] = [];
  const n = predicted.length;
  if (n === 0) return warnings;
  const counts = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < n; i++) counts[predicted[i] ?? 0] = (counts[predicted[i] ?? 0] ?? 0) + 1;
  const top = counts.indexOf(Math.max(...counts));
  const share = (counts[top] ?? 0) / n;
  if (share >= CONSTANT_PREDICTION_SHARE) {
    warnings.push({
      code: 'model/constant-prediction',
      message:
        `the model predicts '${classes[top] ?? top}' for ${percent(share)} of the examples (${counts[top]} of ${n}): ` +
        'its groups get the same predictions, so its fairness figures are uninformative, not evidence of fairness',
    });
  }
  if (rocAuc !== null && rocAuc <= CHANCE_LEVEL_AUC) {
    warnings.push({
      code: 'model/chance-level',
      message:
        `ROC AUC ${rocAuc.toFixed(3)} ≤ ${CHANCE_LEVEL_AUC}: the model ranks examples little better than chance, ` +
        'so its fairness figures are uninformative',
    });
  }
  return warnings;
}
