import path from 'node:path';
import {
  generateModelCard,
  generateModelCardToolkit,
  MCT_SCHEMA_VERSION,
  workspaceRelative,
} from '../../engine/accountability';
import { parseFormat } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { FORMAT_OPTION, openItems } from './common';
import { EXIT_OK, UsageError, type CliCommand } from '../io';
import { scanDataset } from './datasetScanner';
import { runDirOption } from '../runOption';

export const CARD_SPEC = defineCommand({
  usage: '[--run DIR|ID] [options]',
  description:
    'Writes the model card of a training run in the Hugging Face layout (YAML metadata with model-index results, then ' +
    'Model Details, Uses, Bias, Risks, and Limitations, Training Details, Evaluation, Environmental Impact, …), every ' +
    "figure from the run's files and the audit and scan of its dataset (when the file still has the recorded SHA-256). " +
    'What the evidence cannot tell is left as "To be completed by a person:", never made up. With --format mct-json, ' +
    `the same evidence as Google's Model Card Toolkit JSON instead, validated against its schema v${MCT_SCHEMA_VERSION} ` +
    'before it is written (fields the evidence cannot fill are left out). Recorded in the ledger.',
  options: {
    run: {
      type: 'string',
      value: 'DIR|ID',
      description: 'the run folder, or its id under .rml/runs of the workspace',
      default: 'the latest completed run',
    },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'where to write the card',
      default: 'MODEL_CARD.md in the run folder (model_card.json with --format mct-json)',
      group: 'Output',
    },
    format: {
      ...FORMAT_OPTION,
      value: 'text|json|mct-json',
      description:
        'text or json: the Markdown card, and a summary printed in that format; mct-json: the Model Card Toolkit JSON card, and a line of text',
    },
  },
  examples: [
    'rml card --run 20261123-153240-73cf5c',
    'rml card --run .rml/runs/20261123-153240-73cf5c --out MODEL_CARD.md --format json',
    'rml card --format mct-json --out model_card.json',
  ],
  notes: [
    'JSON output: { "card", "run", "dataset": { "path", "sha256", "currentSha256"?, "matches" } | null, "questions", "notRecorded", "ledger": { "line", "hash" } | null }.',
    'Exit codes: 0 written, 2 usage or I/O error.',
  ],
});

/** `rml card`: exit 0, 2 on a usage or I/O error. */
export const cardCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommand(CARD_SPEC, args);
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}'\n${usageLine('card', CARD_SPEC)}`);
  const format = parseFormat(values.format, ['text', 'json', 'mct-json'] as const, 'text');
  const runDir = await runDirOption(values.run, io);
  const options = {
    scan: (file: string) => scanDataset(file, io.cwd),
    ...(values.out ? { out: path.resolve(io.cwd, values.out) } : {}),
    log: (line: string) => io.stderr(`${line}\n`),
  };
  if (format === 'mct-json') {
    const written = await generateModelCardToolkit(runDir, options);
    const metrics = written.card.quantitative_analysis?.performance_metrics.length ?? 0;
    io.stdout(
      `wrote ${workspaceRelative(io.cwd, written.file)}: Model Card Toolkit JSON, valid against schema v${MCT_SCHEMA_VERSION}, ${metrics} performance metrics${datasetWarning(written.evidence.dataset)}\n`,
    );
    return EXIT_OK;
  }
  const result = await generateModelCard(runDir, options);
  const dataset = result.evidence.dataset;
  const shown = workspaceRelative(io.cwd, result.file);
  if (format === 'json') {
    const summary = {
      card: shown,
      run: result.evidence.run.id,
      dataset: dataset
        ? {
            path: dataset.shownPath,
            sha256: dataset.recordedSha256,
            ...(dataset.currentSha256 ? { currentSha256: dataset.currentSha256 } : {}),
            matches: dataset.matches,
          }
        : null,
      questions: result.questions,
      notRecorded: result.notRecorded,
      ledger: result.ledger ?? null,
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.stdout(`wrote ${shown}: ${openItems(result.questions, result.notRecorded)}${datasetWarning(dataset)}\n`);
  }
  return EXIT_OK;
};

function datasetWarning(dataset: { shownPath: string; exists: boolean; matches: boolean } | undefined): string {
  if (!dataset || dataset.matches) return '';
  return `; WARNING: ${dataset.shownPath} ${dataset.exists ? 'changed since the run' : 'no longer exists'}`;
}
