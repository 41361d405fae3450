import { version } from '../../package.json';
import { EXIT_ERROR, EXIT_OK, UsageError, processIo, type CliCommand, type CliIo } from './io';
import { renderHelp, type CommandSpec } from './options';

/** A command's code, loaded when it runs: what it does, and its option table (`--help` is rendered from it). */
interface LoadedCommand {
  run: CliCommand;
  spec: CommandSpec;
}

/**
 * Each command's module is loaded when that command runs: `rml scan` then never evaluates TensorFlow.js (which
 * `rml train` needs) at start-up. A synchronous `require`, not `import()`: esbuild turns it into a lazy module
 * init inside the bundle, and the tests' tsx/cjs hook resolves it (Node's ESM loader would not find `.ts` files).
 */
export const COMMANDS: Record<string, { summary: string; load: () => LoadedCommand }> = {
  scan: {
    summary: 'PII, secrets, risky prompts, bias and malformed rows in datasets and prompt files',
    load: () => {
      const loaded = require('./commands/scan') as typeof import('./commands/scan');
      const help = require('./commands/scanHelp') as typeof import('./commands/scanHelp');
      return { run: loaded.scanCommand, spec: help.SCAN_SPEC };
    },
  },
  audit: {
    summary: 'group disparities, identity terms, proxies and leakage in a labelled dataset',
    load: () => {
      const loaded = require('./commands/audit') as typeof import('./commands/audit');
      return { run: loaded.auditCommand, spec: loaded.AUDIT_SPEC };
    },
  },
  train: {
    summary: 'train a classifier with TensorFlow.js and report per-group fairness',
    load: () => {
      const loaded = require('./commands/train') as typeof import('./commands/train');
      return { run: loaded.trainCommand, spec: loaded.TRAIN_SPEC };
    },
  },
  fairness: {
    summary: 'Fairlearn/AIF360 group metrics of predictions in a CSV',
    load: () => {
      const loaded = require('./commands/fairness') as typeof import('./commands/fairness');
      return { run: loaded.fairnessCommand, spec: loaded.FAIRNESS_SPEC };
    },
  },
  explain: {
    summary: "why a run's model predicted what it did for a text or a dataset row (integrated gradients, SHAP, …)",
    load: () => {
      const loaded = require('./commands/explain') as typeof import('./commands/explain');
      return { run: loaded.explainCommand, spec: loaded.EXPLAIN_SPEC };
    },
  },
  counterfactual: {
    summary: "how a run's text model changes when identity terms are swapped (counterfactual token fairness gap)",
    load: () => {
      const loaded = require('./commands/counterfactual') as typeof import('./commands/counterfactual');
      return { run: loaded.counterfactualCommand, spec: loaded.COUNTERFACTUAL_SPEC };
    },
  },
  labels: {
    summary: 'rows whose label looks wrong, by confident learning (Cleanlab semantics)',
    load: () => {
      const loaded = require('./commands/labels') as typeof import('./commands/labels');
      return { run: loaded.labelsCommand, spec: loaded.LABELS_SPEC };
    },
  },
  thresholds: {
    summary: 'group thresholds that remove a disparity (Fairlearn ThresholdOptimizer) on a predictions CSV',
    load: () => {
      const loaded = require('./commands/thresholds') as typeof import('./commands/thresholds');
      return { run: loaded.thresholdsCommand, spec: loaded.THRESHOLDS_SPEC };
    },
  },
  privacy: {
    summary: 'DP-SGD privacy budget (RDP accountant), noise for a target ε, membership-inference audit',
    load: () => {
      const loaded = require('./commands/privacy') as typeof import('./commands/privacy');
      return { run: loaded.privacyCommand, spec: loaded.PRIVACY_SPEC };
    },
  },
  robustness: {
    summary: "accuracy under perturbations, per group, and a HotFlip attack on a run's text model",
    load: () => {
      const loaded = require('./commands/robustness') as typeof import('./commands/robustness');
      return { run: loaded.robustnessCommand, spec: loaded.ROBUSTNESS_SPEC };
    },
  },
  card: {
    summary: "write a run's model card (Hugging Face layout, or Model Card Toolkit JSON) from its recorded evidence",
    load: () => {
      const loaded = require('./commands/card') as typeof import('./commands/card');
      return { run: loaded.cardCommand, spec: loaded.CARD_SPEC };
    },
  },
  datasheet: {
    summary: 'write a datasheet (Gebru et al. question groups) for a dataset from its audit and scan',
    load: () => {
      const loaded = require('./commands/datasheet') as typeof import('./commands/datasheet');
      return { run: loaded.datasheetCommand, spec: loaded.DATASHEET_SPEC };
    },
  },
  diff: {
    summary: 'regressions between two runs, or of the working tree against a git ref (new PII, worse disparities, ε)',
    load: () => {
      const loaded = require('./commands/diff') as typeof import('./commands/diff');
      return { run: loaded.diffCommand, spec: loaded.DIFF_SPEC };
    },
  },
  ledger: {
    summary: 'verify or show the tamper-evident ledger of runs, scans, audits and fixes (.rml/ledger.jsonl)',
    load: () => {
      const loaded = require('./commands/ledger') as typeof import('./commands/ledger');
      return { run: loaded.ledgerCommand, spec: loaded.LEDGER_SPEC };
    },
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}${command.summary}`);
  return `rml ${version} — Responsible ML checks for CI\n\nusage: rml <command> [options]\n\n${lines.join('\n')}\n\nrml <command> --help for a command's options. Exit codes: 0 ok, 1 findings at or above the threshold, 2 usage or I/O error.\n`;
}

/** Runs one `rml` invocation; returns the exit code. Exported for in-process tests. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...afterFirst] = argv;
  // `rml help train` is `rml train --help`.
  const helpFor = first === 'help' && afterFirst[0] !== undefined && afterFirst[0] in COMMANDS;
  const [name, ...rest] = helpFor ? [afterFirst[0], '--help'] : [first, ...afterFirst];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT_ERROR : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`rml: unknown command '${name}'\n\n${usage()}`);
    return EXIT_ERROR;
  }
  try {
    const command = entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(renderHelp(name, entry.summary, command.spec));
      return EXIT_OK;
    }
    return await command.run(rest, io);
  } catch (error) {
    io.stderr(`rml ${name}: ${describeError(error)}\n`);
    return EXIT_ERROR;
  }
}

function describeError(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  const failure = error as NodeJS.ErrnoException;
  if (failure?.code && failure.path) return `${failure.path}: ${failure.message}`;
  return failure instanceof Error ? failure.message : String(error);
}

/** Runs the command line of this process and sets its exit code. */
export function main(): void {
  runCli(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rml: ${String(error)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}

if (require.main === module) main();
