import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import {
  ATTRIBUTION_METHODS,
  explain,
  type AttributionMethod,
  type ExplainOptions,
  type Explanation,
  readRowAtLine,
  explainRow,
  type RowExplanation,
  AttributionInputError,
  type BaselineKind,
  INTEGRATION_METHODS,
  type IntegrationMethod,
  openRunModel,
} from '../../engine/attribution';
import { selectSynchronousBackend, type BackendPreference, BACKEND_PREFERENCES } from '../../engine/compute';
import { DatasetError } from '../../engine/training';
import { parseFormat, parseIntegerOption } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { EXIT_OK, UsageError, type CliCommand } from '../io';
import { runDirOption } from '../runOption';
import { forTerminal } from '../backendNotes';

export const EXPLAIN_SPEC = defineCommand({
  usage: '[--run DIR] (--text "…" | --row FILE:LINE) [options]',
  description:
    "Why a trained run's model predicted what it did for one input: a score per word (text models) or per original " +
    "column (tabular models), positive where it raised the target class's probability. Captum's methods and semantics.",
  options: {
    run: {
      type: 'string',
      value: 'DIR',
      description: 'a run directory (.rml/runs/<id>) or run id with a saved model',
      default: 'the latest completed run',
      group: 'Input',
    },
    text: {
      type: 'string',
      value: '"…"',
      description: 'explain this text (text models)',
      default: 'none (give --text or --row)',
      group: 'Input',
    },
    row: {
      type: 'string',
      value: 'FILE:LINE',
      description: 'explain the data row on 1-based LINE of FILE (CSV, TSV, JSONL, JSON)',
      default: 'none (give --text or --row)',
      group: 'Input',
    },
    method: {
      type: 'string',
      value: 'M',
      description: 'ig (integrated gradients), gradxinput, saliency, occlusion, ablation or kernelshap',
      default: 'ig',
      group: 'Method',
    },
    steps: {
      type: 'string',
      value: 'N',
      description: 'integrated gradients: path steps',
      default: '50',
      group: 'Method',
    },
    integration: {
      type: 'string',
      value: 'RULE',
      description:
        'integrated gradients: gausslegendre, riemann_left, riemann_right, riemann_middle or riemann_trapezoid',
      default: 'gausslegendre',
      group: 'Method',
    },
    baseline: {
      type: 'string',
      value: 'pad|zero',
      description:
        'pad: the pad token (for the embedding bag the empty text); zero: zero embeddings (tabular: numerics at their mean, no category)',
      default: 'pad for text, zero for tabular',
      group: 'Method',
    },
    target: {
      type: 'string',
      value: 'CLASS',
      description: 'the class whose probability is explained',
      default: 'the predicted class',
      group: 'Method',
    },
    window: {
      type: 'string',
      value: 'N',
      description: 'occlusion: words per sliding window (tabular: columns)',
      default: '3 (tabular: 1)',
      group: 'Method',
    },
    samples: {
      type: 'string',
      value: 'N',
      description: 'kernelshap: coalitions evaluated',
      default: '500',
      group: 'Method',
    },
    seed: {
      type: 'string',
      value: 'N',
      description: 'kernelshap: seed of the coalitions',
      default: '0',
      group: 'Method',
    },
    backend: {
      type: 'string',
      value: BACKEND_PREFERENCES.join('|'),
      description: 'compute backend',
      default: 'auto',
      group: 'Output',
    },
    format: { type: 'string', value: 'json|text', description: 'output format', default: 'text', group: 'Output' },
  },
  examples: [
    'rml explain --run .rml/runs/20261123-153240-73cf5c --row data/reviews.csv:12 --format json',
    'rml explain --run .rml/runs/20261123-153240-73cf5c --text "great food, rude staff" --method kernelshap',
  ],
  notes: [
    'JSON output: { "prediction", "probabilities": { CLASS: p }, "target", "method", "baseline", "tokens" (text models) | "features" ' +
      '(tabular): [ { "text", "start", "end", "score", "column"?, "range"? } ], "delta", "output", "baselineOutput", "integration"?, "row"? }. ' +
      'Token start/end are UTF-16 offsets into the text; with --row every item also has "range", its 0-based position in FILE, and ' +
      'feature start/end are the cell\'s columns on its line. "delta" is the convergence delta of integrated gradients ' +
      '(Σ scores − (output − baselineOutput)), null for other methods.',
    'Exit codes: 0 explained; 2 usage or input error.',
  ],
});

const BASELINES = ['pad', 'zero'] as const;
const BACKENDS = BACKEND_PREFERENCES;

/** `rml explain`: one input's attribution by a run's model. Exit 0, or 2 on a usage or input error. */
export const explainCommand: CliCommand = async (args, io) => {
  const parsed = parseExplainArgs(args);
  tf.enableProdMode();
  await selectSynchronousBackend(parsed.backend, {}, (line) => {
    if (line.includes('unavailable')) io.stderr(`note: ${forTerminal(line)}\n`);
  });
  const { config, model } = await openRunModel(await runDirOption(parsed.run, io));
  try {
    const result = parsed.row
      ? explainRow(
          config,
          model,
          await readRow(path.resolve(io.cwd, parsed.row.file), parsed.row.line, parsed.row.file),
          parsed.options,
        )
      : explain(model, { text: parsed.text! }, parsed.options);
    const output = explainJson(result, model.kind);
    io.stdout(parsed.format === 'json' ? `${JSON.stringify(output, null, 2)}\n` : renderText(output));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof AttributionInputError) throw new UsageError(`${error.message} (${inputHint(model.kind)})`);
    if (error instanceof DatasetError) throw new UsageError(error.message);
    throw error;
  } finally {
    model.dispose();
  }
};

async function readRow(file: string, line: number, display: string) {
  try {
    return { ...(await readRowAtLine(file, line)), file: display };
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(error.message.replace(file, display));
    throw error;
  }
}

interface ParsedExplain {
  run: string | undefined;
  text?: string;
  row?: { file: string; line: number };
  options: ExplainOptions;
  backend: BackendPreference;
  format: 'json' | 'text';
}

function parseExplainArgs(args: string[]): ParsedExplain {
  const { values, positionals } = parseCommand(EXPLAIN_SPEC, args);
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}'\n${usageLine('explain', EXPLAIN_SPEC)}`);
  if ((values.text === undefined) === (values.row === undefined))
    throw new UsageError('give --text or --row (one of them)');
  const options: ExplainOptions = {
    method: oneOf('method', values.method ?? 'ig', ATTRIBUTION_METHODS) as AttributionMethod,
    ...(values.steps ? { steps: positive('steps', values.steps) } : {}),
    ...(values.integration
      ? { integration: oneOf('integration', values.integration, INTEGRATION_METHODS) as IntegrationMethod }
      : {}),
    ...(values.baseline ? { baseline: oneOf('baseline', values.baseline, BASELINES) as BaselineKind } : {}),
    ...(values.target !== undefined ? { target: values.target } : {}),
    ...(values.window ? { window: positive('window', values.window) } : {}),
    ...(values.samples ? { samples: positive('samples', values.samples) } : {}),
    ...(values.seed ? { seed: parseIntegerOption('seed', values.seed, 0) } : {}),
  };
  return {
    run: values.run,
    ...(values.text !== undefined ? { text: values.text } : {}),
    ...(values.row !== undefined ? { row: parseRow(values.row) } : {}),
    options,
    backend: oneOf('backend', values.backend ?? 'auto', BACKENDS) as BackendPreference,
    format: parseFormat(values.format, ['json', 'text'] as const, 'text'),
  };
}

/** `FILE:LINE`, split at the last colon so `C:\\data.csv:12` works. */
function parseRow(value: string): { file: string; line: number } {
  const at = value.lastIndexOf(':');
  const line = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isInteger(line) || line < 1)
    throw new UsageError(`--row must be FILE:LINE with a 1-based line (got '${value}')`);
  return { file: value.slice(0, at), line };
}

function positive(name: string, value: string): number {
  const parsed = parseIntegerOption(name, value, 0);
  if (parsed < 1) throw new UsageError(`--${name} must be at least 1 (got '${value}')`);
  return parsed;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

/** The JSON of `rml explain --format json`. */
export interface ExplainJson {
  prediction: string;
  probabilities: Record<string, number>;
  target: string;
  method: AttributionMethod;
  baseline: BaselineKind;
  tokens?: ExplainItem[];
  features?: ExplainItem[];
  delta: number | null;
  output: number;
  baselineOutput: number;
  integration?: Explanation['integration'];
  row?: { file: string; line: number; index: number };
}

interface ExplainItem {
  text: string;
  start: number;
  end: number;
  score: number;
  column?: string;
  range?: RowExplanation['units'][number]['range'];
}

export function explainJson(result: Explanation | RowExplanation, kind: 'text' | 'tabular'): ExplainJson {
  const located = 'file' in result;
  const items = result.units.map((unit): ExplainItem => {
    const range = 'range' in unit ? (unit.range as ExplainItem['range']) : undefined;
    const onLine =
      kind === 'tabular' && range
        ? { start: range.start.character, end: range.end.character }
        : { start: unit.start, end: unit.end };
    return {
      text: unit.text,
      ...onLine,
      score: unit.score,
      ...(unit.column !== undefined ? { column: unit.column } : {}),
      ...(range ? { range } : {}),
    };
  });
  return {
    prediction: result.prediction,
    probabilities: Object.fromEntries(result.classes.map((name, i) => [name, result.probabilities[i]!])),
    target: result.target,
    method: result.method,
    baseline: result.baseline,
    ...(kind === 'text' ? { tokens: items } : { features: items }),
    delta: result.delta,
    output: result.output,
    baselineOutput: result.baselineOutput,
    ...(result.integration ? { integration: result.integration } : {}),
    ...(located ? { row: { file: result.file, line: result.line, index: result.row } } : {}),
  };
}

function renderText(output: ExplainJson): string {
  const items = output.tokens ?? output.features ?? [];
  const width = Math.max(4, ...items.map((item) => (item.column ?? item.text).length));
  const how = output.integration
    ? `${output.method} (${output.integration.method}, ${output.integration.steps} steps)`
    : output.method;
  const lines = [
    `prediction: ${output.prediction} (p = ${output.probabilities[output.prediction]!.toFixed(3)})`,
    `explaining P(${output.target}) = ${output.output.toFixed(4)} with ${how}, baseline ${output.baseline} (P = ${output.baselineOutput.toFixed(4)})`,
    ...(output.delta === null ? [] : [`convergence delta: ${output.delta.toExponential(2)}`]),
    ...items.map(
      (item) =>
        `  ${(item.column ? `${item.column}=${item.text.trim()}` : item.text).padEnd(width)}  ${item.score >= 0 ? '+' : ''}${item.score.toFixed(4)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Which option gives this kind of model what it reads. */
function inputHint(kind: 'text' | 'tabular'): string {
  return kind === 'tabular' ? '--row FILE:LINE: a row of a file with its columns' : '--text "…", or --row FILE:LINE';
}
