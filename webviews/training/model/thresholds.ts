/** The group-thresholds part of the panel (pure): whether a run can take them, and the table rows of thresholds.json. */
import type { GroupThresholdRule, RunThresholds } from '../../../src/shared/mitigation';
import type { RunRecord } from '../../../src/shared/runs';
import { formatRate } from './format';

/** ThresholdOptimizer's constraints, Fairlearn's names. */
export const THRESHOLD_CONSTRAINTS = [
  'demographic_parity',
  'equalized_odds',
  'true_positive_rate_parity',
  'false_positive_rate_parity',
  'true_negative_rate_parity',
  'false_negative_rate_parity',
] as const;

/** A completed binary run with sensitive columns and a saved model can be post-processed. */
export function canApplyThresholds(run: RunRecord): boolean {
  return (
    run.status.state === 'completed' &&
    run.hasModel &&
    run.config?.classes.length === 2 &&
    (run.config?.columns.sensitive.length ?? 0) > 0
  );
}

function threshold(value: number | string): string {
  if (value === 'Infinity' || value === Infinity) return '+∞';
  if (value === '-Infinity' || value === -Infinity) return '−∞';
  return Number(value).toFixed(4);
}

/** "0.628 · [score > 0.1103] + 0.372 · [score > 0.0961]", and the equalized-odds coin. */
export function describeRule(rule: GroupThresholdRule): string {
  const part = (p: number, op: string, t: number | string) => `${formatRate(p)} · [score ${op} ${threshold(t)}]`;
  const mix = `${part(rule.p0, rule.operation0, rule.threshold0)} + ${part(rule.p1, rule.operation1, rule.threshold1)}`;
  if (rule.pIgnore === undefined || rule.pIgnore === 0) return mix;
  return `${mix}; with probability ${formatRate(rule.pIgnore)} a coin of ${formatRate(rule.predictionConstant)} instead`;
}

export interface ThresholdRows {
  title: string;
  rules: Array<{ group: string; rule: string }>;
  tradeOff: Array<{
    split: string;
    classifier: string;
    accuracy: string;
    demographicParity: string;
    equalizedOdds: string;
  }>;
}

export function thresholdRows(thresholds: RunThresholds): ThresholdRows {
  const tradeOff: ThresholdRows['tradeOff'] = [];
  for (const [split, side] of [
    ['validation (fitted on)', thresholds.validation],
    ['test (held out)', thresholds.test],
  ] as const) {
    for (const [classifier, figures] of [
      ['before', side.before],
      ['after', side.after],
    ] as const) {
      tradeOff.push({
        split,
        classifier,
        accuracy: formatRate(figures.accuracy),
        demographicParity: formatRate(figures.demographicParityDifference),
        equalizedOdds: formatRate(figures.equalizedOddsDifference),
      });
    }
  }
  return {
    title: `Group thresholds: ${thresholds.constraint}, objective ${thresholds.objective}`,
    rules: Object.entries(thresholds.groups).map(([group, rule]) => ({ group, rule: describeRule(rule) })),
    tradeOff,
  };
}
