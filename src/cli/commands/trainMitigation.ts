/** The DP-SGD and fairness-mitigation options of `rml train` (kept beside train.ts so its own list stays short). */
import type { FairnessConstraintName, MitigationRequest, PrivacyRequest, RunMitigation } from '../../shared/mitigation';
import { UsageError } from '../io';

export const MITIGATION_USAGE =
  ' [--dp-noise σ --dp-clip C [--dp-delta δ] | --dp-target-epsilon ε [--dp-clip C] [--dp-delta δ]]' +
  ' [--mitigation expgrad|regularizer --constraint NAME [--eps X] [--lambda X]]';

export const MITIGATION_OPTIONS = {
  'dp-noise': { type: 'string' },
  'dp-clip': { type: 'string' },
  'dp-delta': { type: 'string' },
  'dp-target-epsilon': { type: 'string' },
  mitigation: { type: 'string' },
  constraint: { type: 'string' },
  eps: { type: 'string' },
  lambda: { type: 'string' },
} as const;

const CONSTRAINTS: FairnessConstraintName[] = [
  'demographic_parity',
  'equalized_odds',
  'error_rate_parity',
  'true_positive_rate_parity',
  'false_positive_rate_parity',
];

function positive(name: string, value: string | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || (!allowZero && parsed === 0))
    throw new UsageError(`--${name} must be a number above ${allowZero ? 'or equal to ' : ''}0 (got '${value}')`);
  return parsed;
}

/** `privacy` and `mitigation` of the training config from the options (none when not asked for). */
export function mitigationOptions(values: Partial<Record<keyof typeof MITIGATION_OPTIONS, string>>): {
  privacy?: PrivacyRequest;
  mitigation?: MitigationRequest;
} {
  const out: { privacy?: PrivacyRequest; mitigation?: MitigationRequest } = {};
  const noise = positive('dp-noise', values['dp-noise'], true);
  const target = positive('dp-target-epsilon', values['dp-target-epsilon']);
  const clip = positive('dp-clip', values['dp-clip']);
  const delta = positive('dp-delta', values['dp-delta']);
  if (noise !== undefined && target !== undefined)
    throw new UsageError('give --dp-noise or --dp-target-epsilon, not both');
  if (noise !== undefined && clip === undefined)
    throw new UsageError('--dp-noise needs --dp-clip (the per-example gradient norm bound)');
  if (noise !== undefined || target !== undefined) {
    out.privacy = {
      ...(noise !== undefined ? { noiseMultiplier: noise } : {}),
      ...(target !== undefined ? { targetEpsilon: target } : {}),
      ...(clip !== undefined ? { maxGradNorm: clip } : {}),
      ...(delta !== undefined ? { delta } : {}),
    };
  } else if (clip !== undefined || delta !== undefined) {
    throw new UsageError('--dp-clip and --dp-delta need --dp-noise or --dp-target-epsilon');
  }
  if (values.mitigation !== undefined) {
    if (values.mitigation !== 'expgrad' && values.mitigation !== 'regularizer')
      throw new UsageError(`--mitigation must be expgrad or regularizer (got '${values.mitigation}')`);
    const constraint = values.constraint as FairnessConstraintName | undefined;
    if (!constraint || !CONSTRAINTS.includes(constraint))
      throw new UsageError(`--mitigation needs --constraint ${CONSTRAINTS.join('|')}`);
    const eps = positive('eps', values.eps);
    const weight = positive('lambda', values.lambda, true);
    out.mitigation = {
      method: values.mitigation,
      constraint,
      ...(eps !== undefined ? { eps } : {}),
      ...(weight !== undefined ? { weight } : {}),
    };
  } else if (values.constraint !== undefined || values.eps !== undefined || values.lambda !== undefined) {
    throw new UsageError('--constraint, --eps and --lambda need --mitigation expgrad|regularizer');
  }
  return out;
}

const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');

/** The text output's lines about mitigation.json. */
export function mitigationLines(mitigation: RunMitigation | undefined): string[] {
  if (!mitigation) return [];
  const lines: string[] = [];
  if (mitigation.privacy)
    lines.push(
      `privacy: ε = ${fixed(mitigation.privacy.epsilon)} at δ = ${mitigation.privacy.delta} (RDP, ${mitigation.privacy.conversion} conversion, ${mitigation.privacy.steps} steps)`,
    );
  const describe = (label: string, figures: RunMitigation['test']['after']) =>
    `${label}: accuracy ${fixed(figures.accuracy)}, demographic parity difference ${fixed(figures.demographicParityDifference)}, equalized odds difference ${fixed(figures.equalizedOddsDifference)}`;
  const name = mitigation.constraint ? `${mitigation.method} (${mitigation.constraint})` : mitigation.method;
  if (mitigation.test.before) lines.push(describe(`test before ${name}`, mitigation.test.before));
  lines.push(describe(`test after ${name}`, mitigation.test.after));
  return lines;
}
