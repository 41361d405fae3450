import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { selectSynchronousBackend, type BackendPreference, BACKEND_PREFERENCES } from '../../engine/compute';
import {
  DEFAULT_ORDERS,
  epsilonFor,
  noiseMultiplierFor,
  stepsForEpochs,
  type RdpConversion,
  lossThresholdAttack,
  disposeRunSplits,
  loadRunSplits,
  perExampleLosses,
} from '../../engine/privacy';
import { parseFormat, parseList } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { EXIT_OK, UsageError, type CliCommand } from '../io';
import { runDirOption } from '../runOption';

const BUDGET = 'Budget (rml privacy …)';
const MEMBERSHIP = 'Membership inference (rml privacy membership …)';

export const PRIVACY_SPEC = defineCommand({
  usage:
    '(--noise σ | --target-epsilon ε) --sample-rate q (--steps T | --epochs E) --delta δ [options]\n       rml privacy membership [--run DIR | --member-losses FILE --nonmember-losses FILE] [options]',
  description:
    "The privacy budget of DP-SGD with Opacus's RDP accountant (subsampled Gaussian, Mironov et al. 2019), the noise a " +
    'budget needs (Opacus get_noise_multiplier), and the loss-threshold membership-inference attack (Yeom et al. 2018).',
  options: {
    noise: {
      type: 'string',
      value: 'σ',
      description: 'noise multiplier (noise std / clipping norm)',
      default: 'none: give it or --target-epsilon',
      group: BUDGET,
    },
    'sample-rate': {
      type: 'string',
      value: 'q',
      description: 'probability that an example is in a batch (batch size / dataset size)',
      required: true,
      group: BUDGET,
    },
    steps: {
      type: 'string',
      value: 'T',
      description: 'optimiser steps …',
      default: 'none: give it or --epochs',
      group: BUDGET,
    },
    epochs: {
      type: 'string',
      value: 'E',
      description: '… or epochs: T = int(E / q), as Opacus',
      default: 'none: give it or --steps',
      group: BUDGET,
    },
    delta: {
      type: 'string',
      value: 'δ',
      description: 'target δ (typically < 1 / dataset size)',
      required: true,
      group: BUDGET,
    },
    conversion: {
      type: 'string',
      value: 'improved|classic',
      description: "improved (Balle et al. 2020, today's Opacus) or classic (rdp − ln δ/(α − 1))",
      default: 'improved',
      group: BUDGET,
    },
    orders: {
      type: 'string',
      value: 'LIST',
      description: 'RDP orders, comma-separated',
      default: "Opacus's: 1.1, 1.2 … 10.9, 12 … 63",
      group: BUDGET,
    },
    'target-epsilon': {
      type: 'string',
      value: 'ε',
      description: 'find the smallest σ (bisection, tolerance 0.01) whose ε does not exceed this',
      default: 'none',
      group: BUDGET,
    },
    run: {
      type: 'string',
      value: 'DIR',
      description: 'train-split rows (members) vs test-split rows (non-members) of a run (folder or id)',
      default: 'the latest completed run, without the loss files',
      group: MEMBERSHIP,
    },
    'member-losses': {
      type: 'string',
      value: 'FILE',
      description: 'one loss per line, computed elsewhere (with --nonmember-losses)',
      default: 'none',
      group: MEMBERSHIP,
    },
    'nonmember-losses': {
      type: 'string',
      value: 'FILE',
      description: 'one loss per line (with --member-losses)',
      default: 'none',
      group: MEMBERSHIP,
    },
    backend: {
      type: 'string',
      value: BACKEND_PREFERENCES.join('|'),
      description: 'compute backend of membership --run',
      default: 'auto',
      group: MEMBERSHIP,
    },
    format: { type: 'string', value: 'json|text', description: 'output format', default: 'text', group: 'Output' },
  },
  examples: [
    'rml privacy --noise 1.1 --sample-rate 0.01 --epochs 10 --delta 1e-5 --format json',
    'rml privacy membership --run .rml/runs/<id>',
  ],
  notes: [
    'JSON output: { "epsilon", "order", "conversion", "delta", "noise", "sampleRate", "steps", "warning"? }; with ' +
      '--target-epsilon { "noise", "epsilon", "order", "conversion", "delta", "sampleRate", "steps", "targetEpsilon" }; ' +
      'membership { "auc", "advantage", "threshold", "members", "nonMembers" }',
  ],
});

/** Only the options of one mode: the budget's or membership's (the help lists both). */
function modeSpec(group: string) {
  const options = Object.fromEntries(
    Object.entries(PRIVACY_SPEC.options).filter(([, option]) => option.group === group || option.group === 'Output'),
  );
  return { ...PRIVACY_SPEC, options };
}

const BACKENDS = BACKEND_PREFERENCES;

/** `rml privacy`: exit 0, or 2 on a usage or input error. */
export const privacyCommand: CliCommand = async (args, io) => {
  if (args[0] === 'membership') return membershipCommand(args.slice(1), io);
  const { values, positionals } = parseCommand(modeSpec(BUDGET) as typeof PRIVACY_SPEC, args);
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}'\n${usageLine('privacy', PRIVACY_SPEC)}`);
  const format = parseFormat(values.format, ['json', 'text'] as const, 'text');
  const sampleRate = numberOption('sample-rate', values['sample-rate'], (q) => q > 0 && q <= 1, 'in (0, 1]');
  const delta = numberOption('delta', values.delta, (d) => d > 0 && d < 1, 'in (0, 1)');
  const steps = stepsOption(values.steps, values.epochs, sampleRate);
  const conversion = (values.conversion ?? 'improved') as RdpConversion;
  if (conversion !== 'improved' && conversion !== 'classic')
    throw new UsageError(`--conversion must be improved or classic (got '${conversion}')`);
  const orders =
    values.orders === undefined
      ? DEFAULT_ORDERS
      : parseList(values.orders).map((order) => {
          const value = Number(order);
          if (!(value > 1)) throw new UsageError(`--orders: '${order}' is not a number above 1`);
          return value;
        });
  let report: Record<string, unknown>;
  if (values['target-epsilon'] !== undefined) {
    if (values.noise !== undefined) throw new UsageError('give either --noise or --target-epsilon, not both');
    const targetEpsilon = numberOption('target-epsilon', values['target-epsilon'], (e) => e > 0, 'above 0');
    let noise: number;
    try {
      noise = noiseMultiplierFor({ targetEpsilon, delta, sampleRate, steps, orders, conversion });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const spent = epsilonFor(noise, sampleRate, steps, delta, { orders, conversion });
    report = { noise, epsilon: spent.epsilon, order: spent.order, conversion, delta, sampleRate, steps, targetEpsilon };
  } else {
    const noise = numberOption('noise', values.noise, (s) => s >= 0, '≥ 0');
    const spent = epsilonFor(noise, sampleRate, steps, delta, { orders, conversion });
    report = {
      epsilon: spent.epsilon,
      order: spent.order,
      conversion,
      delta,
      noise,
      sampleRate,
      steps,
      ...(spent.warning ? { warning: spent.warning } : {}),
    };
  }
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderBudget(report));
  return EXIT_OK;
};

function numberOption(name: string, value: string | undefined, valid: (x: number) => boolean, what: string): number {
  if (value === undefined) throw new UsageError(`--${name} is required\n${usageLine('privacy', PRIVACY_SPEC)}`);
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !valid(parsed))
    throw new UsageError(`--${name} must be a number ${what} (got '${value}')`);
  return parsed;
}

function stepsOption(steps: string | undefined, epochs: string | undefined, sampleRate: number): number {
  if ((steps === undefined) === (epochs === undefined)) throw new UsageError('give exactly one of --steps or --epochs');
  if (steps !== undefined) {
    const parsed = Number(steps);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new UsageError(`--steps must be an integer ≥ 0 (got '${steps}')`);
    return parsed;
  }
  return stepsForEpochs(
    numberOption('epochs', epochs, (e) => e > 0, 'above 0'),
    sampleRate,
  );
}

function renderBudget(report: Record<string, unknown>): string {
  const epsilon = report.epsilon as number;
  const head =
    report.targetEpsilon !== undefined
      ? `noise multiplier σ = ${String(report.noise)} for ε ≤ ${String(report.targetEpsilon)}\n`
      : '';
  const warning = report.warning ? `\nwarning: ${String(report.warning)}` : '';
  return `${head}ε = ${Number.isFinite(epsilon) ? epsilon.toFixed(4) : '∞'} at δ = ${String(report.delta)} (RDP order ${String(report.order)}, ${String(report.conversion)} conversion), σ = ${String(report.noise)}, q = ${String(report.sampleRate)}, ${String(report.steps)} steps${warning}\n`;
}

async function membershipCommand(args: string[], io: Parameters<CliCommand>[1]): Promise<number> {
  const { values, positionals } = parseCommand(modeSpec(MEMBERSHIP) as typeof PRIVACY_SPEC, args);
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}'\n${usageLine('privacy', PRIVACY_SPEC)}`);
  const format = parseFormat(values.format, ['json', 'text'] as const, 'text');
  const fromFiles = values['member-losses'] !== undefined || values['nonmember-losses'] !== undefined;
  if (fromFiles && values.run !== undefined)
    throw new UsageError('give either --run DIR or both --member-losses and --nonmember-losses');
  let losses: { members: ArrayLike<number>; nonMembers: ArrayLike<number> };
  if (!fromFiles) {
    const backend = (values.backend ?? 'auto') as BackendPreference;
    if (!(BACKENDS as readonly string[]).includes(backend))
      throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')} (got '${backend}')`);
    losses = await runLosses(await runDirOption(values.run, io), backend);
  } else {
    if (!values['member-losses'] || !values['nonmember-losses'])
      throw new UsageError('give both --member-losses and --nonmember-losses');
    losses = {
      members: await readLosses(path.resolve(io.cwd, values['member-losses']), values['member-losses']),
      nonMembers: await readLosses(path.resolve(io.cwd, values['nonmember-losses']), values['nonmember-losses']),
    };
  }
  const result = lossThresholdAttack(losses.members, losses.nonMembers);
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : `membership inference (loss threshold): AUC ${result.auc.toFixed(4)}, advantage ${result.advantage.toFixed(4)} (${result.members} members, ${result.nonMembers} non-members; 0.5 / 0 = nothing learnt)\n`,
  );
  return EXIT_OK;
}

/** One loss per line; blank lines are skipped; anything else must be a finite number. */
async function readLosses(file: string, display: string): Promise<Float64Array> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${display}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const values: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const value = Number(line);
    if (!Number.isFinite(value)) throw new UsageError(`${display}:${index + 1}:1: '${line.trim()}' is not a number`);
    values.push(value);
  });
  if (values.length === 0) throw new UsageError(`${display}: no losses`);
  return Float64Array.from(values);
}

async function runLosses(runDir: string, backend: BackendPreference) {
  tf.enableProdMode();
  await selectSynchronousBackend(backend);
  let splits;
  try {
    splits = await loadRunSplits(runDir);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  try {
    const members = await perExampleLosses(splits.trained, splits.data.train, splits.data.classes);
    const nonMembers = await perExampleLosses(splits.trained, splits.data.test, splits.data.classes);
    return { members, nonMembers };
  } finally {
    disposeRunSplits(splits);
  }
}
