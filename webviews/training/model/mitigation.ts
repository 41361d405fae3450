/**
 * What the panel shows of a private or constrained run (pure, for tests): ε spent per epoch (metrics.jsonl), and
 * the accuracy–disparity trade-off of mitigation.json — before and after, per split — with each group's selection rate.
 */
import type { MitigationFigures, RunMitigation } from '../../../src/shared/mitigation';
import type { RunRecord } from '../../../src/shared/runs';
import { formatDelta, formatRate } from './format';

export interface PrivacyRow {
  epoch: number;
  epsilon: string;
  steps: number;
}

export interface TradeOffRow {
  split: string;
  classifier: 'before' | 'after';
  accuracy: string;
  demographicParity: string;
  equalizedOdds: string;
}

export interface MitigationView {
  title: string;
  summary: string;
  privacy: PrivacyRow[];
  /** δ and the conversion, named so nobody compares ε computed two ways. */
  privacyNote?: string;
  tradeOff: TradeOffRow[];
  /** Selection rate by group, test split, before/after. */
  groups: Array<{ group: string; before: string; after: string; change: string }>;
}

const METHOD_TITLES: Record<RunMitigation['method'], string> = {
  'dp-sgd': 'DP-SGD (differential privacy)',
  expgrad: 'ExponentiatedGradient (reductions)',
  regularizer: 'Fairness regulariser',
};

function describe(
  mitigation: RunMitigation | undefined,
  run: RunRecord,
): { title: string; summary: string } | undefined {
  const privacy = run.config?.privacy;
  if (!mitigation && !privacy && !run.config?.mitigation) return undefined;
  const method = mitigation?.method ?? (privacy ? 'dp-sgd' : run.config!.mitigation!.method);
  const parameters = Object.entries(mitigation?.parameters ?? {})
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const constraint = mitigation?.constraint ?? run.config?.mitigation?.constraint;
  const summary = [
    constraint ? `constraint ${constraint}` : '',
    parameters,
    privacy?.targetEpsilon !== undefined ? `target ε ${privacy.targetEpsilon}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
  return {
    title: METHOD_TITLES[method],
    summary: summary || (privacy ? `σ ${privacy.noiseMultiplier.toFixed(4)}, C ${privacy.maxGradNorm}` : ''),
  };
}

function tradeOffRows(mitigation: RunMitigation): TradeOffRow[] {
  const rows: TradeOffRow[] = [];
  const push = (split: string, classifier: 'before' | 'after', figures: MitigationFigures | undefined) => {
    if (!figures) return;
    rows.push({
      split,
      classifier,
      accuracy: formatRate(figures.accuracy),
      demographicParity: formatRate(figures.demographicParityDifference),
      equalizedOdds: formatRate(figures.equalizedOddsDifference),
    });
  };
  for (const [split, side] of [
    ['training', mitigation.train],
    ['validation', mitigation.validation],
    ['test', mitigation.test],
  ] as const) {
    push(split, 'before', side?.before);
    push(split, 'after', side?.after);
  }
  return rows;
}

export function mitigationView(run: RunRecord): MitigationView | undefined {
  const mitigation = run.mitigation;
  const heading = describe(mitigation, run);
  if (!heading) return undefined;
  const privacy = run.metrics
    .filter((m) => m.privacy)
    .map((m) => ({ epoch: m.epoch, epsilon: m.privacy!.epsilon.toFixed(3), steps: m.privacy!.steps }));
  const last = run.metrics.at(-1)?.privacy;
  const before = mitigation?.test.before?.selectionRates ?? {};
  const after = mitigation?.test.after.selectionRates ?? {};
  return {
    ...heading,
    privacy,
    ...(last
      ? {
          privacyNote: `δ = ${last.delta}, RDP accountant (Opacus orders), ${last.conversion} conversion (Balle et al. 2020); noise from a seeded PRNG, not a CSPRNG`,
        }
      : {}),
    tradeOff: mitigation ? tradeOffRows(mitigation) : [],
    groups: Object.keys(after).map((group) => ({
      group,
      before: group in before ? formatRate(before[group]) : '—',
      after: formatRate(after[group]),
      change: group in before ? formatDelta(after[group]! - before[group]!) : '—',
    })),
  };
}
