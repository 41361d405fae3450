import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { openRunModel } from '../../engine/attribution';
import { selectSynchronousBackend, type BackendPreference, BACKEND_PREFERENCES } from '../../engine/compute';
import {
  counterfactualGap,
  counterfactualGapFinding,
  DEFAULT_GAP_THRESHOLD,
  type CounterfactualReport,
} from '../../engine/counterfactual';
import { readTextColumn } from '../../engine/counterfactual';
import { relativeToRoot } from '../../engine/findings';
import { DatasetError } from '../../engine/training';
import type { Finding } from '../../shared/findings';
import { parseFormat } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand } from '../io';
import { runDirOption } from '../runOption';

export const COUNTERFACTUAL_SPEC = defineCommand({
  usage: '[--run DIR] FILE [--text COL] [options]',
  description:
    'Counterfactual token fairness (Garg et al. 2019): every identity term in the text column of FILE (he ↔ she, his ↔ her, ' +
    "gendered nouns and names, religions, nationalities, races, orientations — the audit's identity lexicon) is swapped, " +
    "one counterfactual per occurrence with its case kept, and the run's model predicts both texts.",
  options: {
    run: {
      type: 'string',
      value: 'DIR',
      description: 'a run directory or run id with a saved text model',
      default: 'the latest completed run',
      group: 'Input',
    },
    text: {
      type: 'string',
      value: 'COL',
      description: 'the text column of FILE',
      default: "the run's text column",
      group: 'Input',
    },
    threshold: {
      type: 'string',
      value: 'X',
      description: 'the gap above which a bias/counterfactual-gap finding is reported',
      default: String(DEFAULT_GAP_THRESHOLD),
      group: 'Output',
    },
    'fail-on-gap': {
      type: 'boolean',
      description: 'exit 1 when the gap is above the threshold',
      default: 'off',
      group: 'Output',
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
  examples: ['rml counterfactual --run .rml/runs/20261123-153240-73cf5c data/reviews.csv --format json'],
  notes: [
    'JSON output: { "gap", "examples", "texts", "target", "threshold", "pairs": [ { "line", "row", "original", "counterfactual", ' +
      '"swapped": { "from", "to", "category", "start", "end" }, "delta" } ], "byCategory": { CATEGORY: { "pairs", "meanAbsDelta" } }, ' +
      '"findings": [ finding as in rml scan ] }. "delta" is P(target | counterfactual) − P(target | original); "target" is the ' +
      'positive class (two classes), else each row\'s predicted class; "gap" is the mean over rows with a swap of the mean |delta| ' +
      'of their counterfactuals; "line" is 1-based.',
    'Exit codes: 0; 1 with --fail-on-gap when the gap is above the threshold; 2 usage or input error.',
  ],
});

const BACKENDS = BACKEND_PREFERENCES;

/** `rml counterfactual`: the CTF gap of a run's text model on a file. Exit 0, 1 with --fail-on-gap over it, 2 on errors. */
export const counterfactualCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommand(COUNTERFACTUAL_SPEC, args);
  if (positionals.length !== 1)
    throw new UsageError(`expected one dataset file\n${usageLine('counterfactual', COUNTERFACTUAL_SPEC)}`);
  const threshold = values.threshold === undefined ? DEFAULT_GAP_THRESHOLD : Number(values.threshold);
  if (!(threshold >= 0)) throw new UsageError(`--threshold must be a number ≥ 0 (got '${values.threshold}')`);
  const backend = (values.backend ?? 'auto') as BackendPreference;
  if (!(BACKENDS as readonly string[]).includes(backend))
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')} (got '${backend}')`);
  const format = parseFormat(values.format, ['json', 'text'] as const, 'text');
  const display = positionals[0]!;
  tf.enableProdMode();
  await selectSynchronousBackend(backend);
  const { config, model } = await openRunModel(await runDirOption(values.run, io));
  try {
    if (model.kind !== 'text')
      throw new UsageError('counterfactual token fairness needs a text model; this run trained a tabular one');
    const column = values.text ?? config.columns.text!;
    const table = await readTextColumn(path.resolve(io.cwd, display), column).catch((error: unknown) => {
      throw error instanceof DatasetError ? new UsageError(error.message) : error;
    });
    const report = counterfactualGap(table.rows, (texts) => model.predict(texts.map((text) => ({ text }))), model);
    const range = table.anchor
      ? { start: table.anchor.start, end: table.anchor.end }
      : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const finding = counterfactualGapFinding(report, {
      file: display,
      relativeFile: relativeToRoot(io.cwd, display),
      range,
      column,
      threshold,
    });
    const output = { ...report, threshold, findings: finding ? [finding] : [] };
    io.stdout(format === 'json' ? `${JSON.stringify(output, null, 2)}\n` : renderText(output));
    return values['fail-on-gap'] && finding ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    model.dispose();
  }
};

function renderText(output: CounterfactualReport & { threshold: number; findings: Finding[] }): string {
  const worst = [...output.pairs].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, 10);
  const lines = [
    `counterfactual token fairness gap: ${output.gap.toFixed(4)} (threshold ${output.threshold}) over ${output.examples} of ${output.texts} rows with identity terms; P(${output.target})`,
    ...Object.entries(output.byCategory).map(
      ([category, entry]) => `  ${category}: ${entry.pairs} swaps, mean |Δ| ${entry.meanAbsDelta.toFixed(4)}`,
    ),
    ...(worst.length > 0 ? ['largest changes:'] : []),
    ...worst.map(
      (pair) =>
        `  line ${pair.line}: '${pair.swapped.from}' → '${pair.swapped.to}'  Δ ${pair.delta >= 0 ? '+' : ''}${pair.delta.toFixed(4)}`,
    ),
    ...output.findings.map((finding) => `${finding.severity}: ${finding.code}: ${finding.message}`),
  ];
  return `${lines.join('\n')}\n`;
}
