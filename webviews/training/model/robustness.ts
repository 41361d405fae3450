/** The robustness part of the panel (pure): robustness.json as table rows. */
import type { RunRobustness } from '../../../src/shared/mitigation';
import { formatPercent } from './format';

export interface RobustnessRows {
  summary: string;
  rows: Array<{ name: string; accuracy: string; drop: string; flipped: string; worst: string }>;
  attack?: string;
}

export function robustnessRows(robustness: RunRobustness): RobustnessRows {
  const rows = robustness.perturbations.map((p) => {
    const worst = p.worstGroup ? `${p.worstGroup} (drop ${formatPercent(p.byGroup[p.worstGroup]?.drop)})` : '—';
    return {
      name: p.name,
      accuracy: formatPercent(p.accuracy),
      drop: formatPercent(p.drop),
      flipped: formatPercent(p.flipRate),
      worst,
    };
  });
  const a = robustness.attack;
  return {
    summary: `${robustness.rows} ${robustness.input === 'tabular' ? 'rows' : 'texts'} (${robustness.source}); clean accuracy ${formatPercent(robustness.clean.accuracy)}`,
    rows,
    ...(a
      ? {
          attack: `HotFlip, at most ${a.budget} word${a.budget === 1 ? '' : 's'} changed: ${a.succeeded} of ${a.attacked} correct predictions flipped (${formatPercent(a.successRate)}), ${a.meanEdits.toFixed(2)} edits on average`,
        }
      : {}),
  };
}
