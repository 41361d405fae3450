import type { RunEvidence } from '../evidence/runEvidence';
import { bullets, code, num, section, text } from './markdown';

/** What was done against bias or for privacy in this run: weights, a recorded mitigation, DP-SGD's ε. */
export function mitigationBlock(evidence: RunEvidence): string {
  const config = evidence.run.config;
  const items: string[] = [];
  if (config?.columns.weight) items.push(`Trained with instance weights from the column ${code(config.columns.weight)} (e.g. reweighing).`);
  if (config?.training.classWeight === 'balanced') items.push('Class weights balanced the classes during training.');
  const mitigation = evidence.extras.mitigation;
  if (mitigation) items.push(`Mitigation ${code(String(mitigation['method'] ?? 'unnamed'))}${scalarList(mitigation, ['method'])}.`);
  const privacy = evidence.extras.privacy;
  if (privacy) items.push(`Differential privacy (DP-SGD): ε ${num(asNumber(privacy['epsilon']))} at δ ${numberText(privacy['delta'])}${scalarList(privacy, ['epsilon', 'delta'])}.`);
  for (const problem of evidence.extras.problems) items.push(`Unreadable run file: ${text(problem)}.`);
  const blocks = [items.length ? bullets(items) : `No mitigation is recorded for this run: no instance weights, class weight ${code(config?.training.classWeight ?? 'none')}, no mitigation.json or privacy.json in the run.`];
  const comparison = mitigation ? beforeAfter(mitigation) : undefined;
  if (comparison) blocks.push(comparison);
  return blocks.join('\n\n');
}

/** `; key value, …` for the scalar fields of a run file, in its order (the file is the authority on its shape). */
function scalarList(value: Record<string, unknown>, skip: readonly string[]): string {
  const pairs = Object.entries(value)
    .filter(([key, field]) => !skip.includes(key) && (typeof field === 'number' || typeof field === 'string' || typeof field === 'boolean'))
    .map(([key, field]) => `${text(key)} ${typeof field === 'number' ? numberText(field) : code(String(field))}`);
  return pairs.length ? `; ${pairs.join(', ')}` : '';
}

function beforeAfter(mitigation: Record<string, unknown>): string | undefined {
  const before = mitigation['before'];
  const after = mitigation['after'];
  if (!isRecord(before) || !isRecord(after)) return undefined;
  const keys = Object.keys(before).filter((key) => typeof before[key] === 'number' && typeof after[key] === 'number');
  if (keys.length === 0) return undefined;
  const rows = keys.map((key) => `| ${text(key)} | ${num(before[key] as number)} | ${num(after[key] as number)} |`);
  return section(4, 'Before and after the mitigation', ['| Figure | Before | After |', '| --- | --- | --- |', ...rows].join('\n'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Small figures like δ = 1e-5 keep their magnitude instead of rounding to 0.0000. */
export function numberText(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) < 0.001 ? value.toExponential(2) : num(value);
}
