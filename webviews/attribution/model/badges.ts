import type { ExplanationResult } from '../../../src/shared/attribution';
import { formatScore } from './heatScale';

/** The convergence delta (integrated gradients) warns above this, on the probability scale: use more steps. */
export const LARGE_DELTA = 0.01;

export interface DeltaBadge {
  text: string;
  title: string;
  warn: boolean;
}

/** The convergence delta as a badge; undefined for methods that have none. */
export function deltaBadge(explanation: Pick<ExplanationResult, 'delta' | 'integration'>): DeltaBadge | undefined {
  if (explanation.delta === null) return undefined;
  const magnitude = Math.abs(explanation.delta);
  const warn = magnitude > LARGE_DELTA;
  const text = `convergence \u0394 ${magnitude < 1e-3 ? magnitude.toExponential(1) : magnitude.toFixed(3)}`;
  const steps = explanation.integration
    ? ` with ${explanation.integration.steps} ${explanation.integration.method} steps`
    : '';
  const title = warn
    ? `The scores miss completeness by ${formatScore(explanation.delta)}${steps}: raise the steps.`
    : `Scores add up to P(input) − P(baseline) within ${formatScore(explanation.delta)}${steps}.`;
  return { text, title, warn };
}

/** "pos (p = 0.912)". */
export function predictionText(
  explanation: Pick<ExplanationResult, 'prediction' | 'classes' | 'probabilities'>,
): string {
  const p = explanation.probabilities[explanation.classes.indexOf(explanation.prediction)] ?? Number.NaN;
  return `${explanation.prediction} (p = ${Number.isFinite(p) ? p.toFixed(3) : '—'})`;
}
