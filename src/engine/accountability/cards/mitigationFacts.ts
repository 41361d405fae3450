import type { MitigationFigures } from '../../../shared/mitigation';
import type { RunEvidence } from '../evidence/runEvidence';
import { bullets, code, num, section, table, text } from './markdown';

/** What was done against bias or for privacy in this run: weights, in-processing, DP-SGD's ε, group thresholds. */
export function mitigationBlock(evidence: RunEvidence): string {
  const { run } = evidence;
  const config = run.config;
  const items: string[] = [];
  if (config?.columns.weight)
    items.push(`Trained with instance weights from the column ${code(config.columns.weight)} (e.g. reweighing).`);
  if (config?.training.classWeight === 'balanced') items.push('Class weights balanced the classes during training.');
  const mitigation = run.mitigation;
  if (mitigation && mitigation.method !== 'dp-sgd') {
    const parameters = Object.entries(mitigation.parameters)
      .map(([key, value]) => `${text(key)} ${numberText(value)}`)
      .join(', ');
    items.push(
      `In-processing mitigation ${code(mitigation.method)}${mitigation.constraint ? ` with the constraint ${code(mitigation.constraint)}` : ''} over ${mitigation.sensitive.map(code).join(', ')}${parameters ? ` (${parameters})` : ''}.`,
    );
  }
  const privacy = config?.privacy;
  if (privacy) {
    const spent = mitigation?.privacy ?? run.metrics.at(-1)?.privacy;
    items.push(
      `Differential privacy (DP-SGD): noise multiplier ${numberText(privacy.noiseMultiplier)}, clipping norm ${numberText(privacy.maxGradNorm)}, sample rate ${numberText(privacy.sampleRate)}; ${spent ? `ε ${num(spent.epsilon)} at δ ${numberText(spent.delta)} after ${spent.steps} steps (RDP accountant, ${spent.conversion} conversion)` : `δ ${numberText(privacy.delta)}, ε not recorded`}.`,
    );
  }
  const thresholds = run.thresholds;
  if (thresholds)
    items.push(
      `Group thresholds (post-processing, ${code(thresholds.constraint)}, objective ${code(thresholds.objective)}) over ${thresholds.sensitive.map(code).join(', ')}, fitted on the validation split.`,
    );
  for (const problem of evidence.extras.problems) items.push(`Unreadable run file: ${text(problem)}.`);
  if (items.length === 0)
    return `No mitigation is recorded for this run: no instance weights, class weight ${code(config?.training.classWeight ?? 'none')}, no mitigation.json or thresholds.json in the run.`;
  const blocks = [bullets(items)];
  if (mitigation && mitigation.method !== 'dp-sgd')
    blocks.push(comparison('Before and after the mitigation (test split)', mitigation.test));
  if (thresholds) blocks.push(comparison('Before and after the group thresholds (test split)', thresholds.test));
  return blocks.filter(Boolean).join('\n\n');
}

function comparison(title: string, split: { before?: MitigationFigures; after: MitigationFigures }): string {
  const rows: Array<
    [string, keyof Pick<MitigationFigures, 'accuracy' | 'demographicParityDifference' | 'equalizedOddsDifference'>]
  > = [
    ['Accuracy', 'accuracy'],
    ['Demographic parity difference', 'demographicParityDifference'],
    ['Equalized odds difference', 'equalizedOddsDifference'],
  ];
  return section(
    4,
    title,
    table(
      ['Figure', 'Before', 'After'],
      rows.map(([label, key]) => [label, split.before ? num(split.before[key]) : '—', num(split.after[key])]),
    ),
  );
}

/** Small figures like δ = 1e-5 keep their magnitude instead of rounding to 0.0000. */
export function numberText(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) < 0.001 ? value.toExponential(2) : num(value);
}
