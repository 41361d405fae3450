import type { MitigationFigures } from '../../../shared/mitigation';
import type { RunEvidence } from '../evidence/runEvidence';
import { bullets, code, num, section, table, text } from './markdown';

/** How names and dataset strings are written: Markdown code and escaped text on the card, as they are in JSON. */
export interface TextStyle {
  code: (value: string) => string;
  text: (value: string) => string;
}

export const MARKDOWN_STYLE: TextStyle = { code, text };
export const PLAIN_STYLE: TextStyle = { code: (value) => value, text: (value) => value };

/** One thing done in a run: against bias (`fairness`: weights, in-processing, thresholds) or for `privacy` (DP-SGD). */
export interface MitigationItem {
  aim: 'fairness' | 'privacy';
  text: string;
}

/** What was done against bias or for privacy in this run: weights, in-processing, DP-SGD's ε, group thresholds. */
export function mitigationItems(evidence: RunEvidence, style: TextStyle = MARKDOWN_STYLE): MitigationItem[] {
  const { run } = evidence;
  const config = run.config;
  const items: MitigationItem[] = [];
  const fairness = (text: string) => items.push({ aim: 'fairness', text });
  if (config?.columns.weight)
    fairness(`Trained with instance weights from the column ${style.code(config.columns.weight)} (e.g. reweighing).`);
  if (config?.training.classWeight === 'balanced') fairness('Class weights balanced the classes during training.');
  const mitigation = run.mitigation;
  if (mitigation && mitigation.method !== 'dp-sgd') {
    const parameters = Object.entries(mitigation.parameters)
      .map(([key, value]) => `${style.text(key)} ${numberText(value)}`)
      .join(', ');
    fairness(
      `In-processing mitigation ${style.code(mitigation.method)}${mitigation.constraint ? ` with the constraint ${style.code(mitigation.constraint)}` : ''} over ${mitigation.sensitive.map(style.code).join(', ')}${parameters ? ` (${parameters})` : ''}.`,
    );
  }
  const privacy = config?.privacy;
  if (privacy) {
    const spent = mitigation?.privacy ?? run.metrics.at(-1)?.privacy;
    items.push({
      aim: 'privacy',
      text: `Differential privacy (DP-SGD): noise multiplier ${numberText(privacy.noiseMultiplier)}, clipping norm ${numberText(privacy.maxGradNorm)}, sample rate ${numberText(privacy.sampleRate)}; ${spent ? `ε ${num(spent.epsilon)} at δ ${numberText(spent.delta)} after ${spent.steps} steps (RDP accountant, ${spent.conversion} conversion)` : `δ ${numberText(privacy.delta)}, ε not recorded`}.`,
    });
  }
  const thresholds = run.thresholds;
  if (thresholds)
    fairness(
      `Group thresholds (post-processing, ${style.code(thresholds.constraint)}, objective ${style.code(thresholds.objective)}) over ${thresholds.sensitive.map(style.code).join(', ')}, fitted on the validation split.`,
    );
  return items;
}

/** The Mitigation section's body: the items, unreadable run files, and before/after tables. */
export function mitigationBlock(evidence: RunEvidence): string {
  const { run } = evidence;
  const config = run.config;
  const mitigation = run.mitigation;
  const thresholds = run.thresholds;
  const items = mitigationItems(evidence).map((item) => item.text);
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
