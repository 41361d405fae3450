/** Options several commands share, declared once so their help and their meaning agree. */
import type { DatasetSettings } from '../../shared/config';
import { DEFAULT_DISPARITY_THRESHOLDS, type DisparityThresholds } from '../../shared/disparities';
import { thresholdsFromSettings } from '../../engine/training';
import { parseIntegerOption } from '../args';
import { UsageError } from '../io';
import type { OptionSpec } from '../options';

export const FORMAT_OPTION = {
  type: 'string',
  value: 'text|json',
  description: 'output format',
  default: 'text',
  group: 'Output',
} as const satisfies OptionSpec;

/** `--privileged` of the commands that read a dataset's settings (`dataset.privileged` of `.rml.json`). */
export const PRIVILEGED_OPTION = {
  type: 'string',
  value: 'COL=VALUE[,…]',
  description: "privileged groups for AIF360's metrics",
  default: 'dataset.privileged, else none',
  group: 'Data',
} as const satisfies OptionSpec;

export const FAIL_ON_DISPARITY = {
  type: 'boolean',
  description: 'exit 1 when a disparity is outside its threshold (not on groups too small to judge)',
  default: 'off',
  group: 'Fairness',
} as const satisfies OptionSpec;

/** `--min-ratio`, `--max-difference`, `--min-group-size`: what a model's disparities are judged against. */
export function disparityOptions(
  group: string,
): Record<'min-ratio' | 'max-difference' | 'min-group-size', OptionSpec & { type: 'string' }> {
  const defaults = DEFAULT_DISPARITY_THRESHOLDS;
  return {
    'min-ratio': {
      type: 'string',
      value: 'X',
      description: 'ratios below this are outside (four-fifths rule)',
      default: `dataset.disparateImpactThreshold, else ${defaults.minRatio}`,
      group,
    },
    'max-difference': {
      type: 'string',
      value: 'X',
      description: 'differences above this are outside',
      default: `dataset.parityDifferenceThreshold, else ${defaults.maxDifference}`,
      group,
    },
    'min-group-size': {
      type: 'string',
      value: 'N',
      description: 'a verdict on a smaller group is "too small to judge"',
      default: `dataset.minGroupSize, else ${defaults.minGroupSize}`,
      group,
    },
  };
}

function fraction(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) throw new UsageError(`--${name} must be a number from 0 to 1 (got '${value}')`);
  return parsed;
}

/** The thresholds from the command line, else from `.rml.json`'s dataset settings, else the defaults. */
export function disparityThresholds(
  values: { 'min-ratio'?: string; 'max-difference'?: string; 'min-group-size'?: string },
  settings: DatasetSettings | undefined,
): DisparityThresholds {
  const configured = { ...DEFAULT_DISPARITY_THRESHOLDS, ...thresholdsFromSettings(settings) };
  const minGroupSize = parseIntegerOption('min-group-size', values['min-group-size'], configured.minGroupSize);
  if (minGroupSize < 0) throw new UsageError(`--min-group-size must be 0 or more (got ${minGroupSize})`);
  const minRatio = fraction('min-ratio', values['min-ratio']) ?? configured.minRatio;
  if (minRatio === 0) throw new UsageError('--min-ratio must be above 0');
  return {
    minRatio,
    maxDifference: fraction('max-difference', values['max-difference']) ?? configured.maxDifference,
    minGroupSize,
  };
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

export function parseFormatOption(value: string | undefined): 'json' | 'text' {
  return value === undefined ? 'text' : oneOf('format', value, ['text', 'json'] as const);
}

/** What a written card or datasheet leaves to a person: "wrote X: 3 questions for a person, 1 item not recorded". */
export function openItems(questions: number, notRecorded: number): string {
  return (
    `${questions} question${questions === 1 ? '' : 's'} for a person, ` +
    `${notRecorded} item${notRecorded === 1 ? '' : 's'} not recorded`
  );
}
