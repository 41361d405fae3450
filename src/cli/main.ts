import { version } from '../../package.json';
import { AUDIT_USAGE, auditCommand } from './commands/audit';
import { FAIRNESS_USAGE, fairnessCommand } from './commands/fairness';
import { SCAN_USAGE, scanCommand } from './commands/scan';
import { TRAIN_USAGE, trainCommand } from './commands/train';
import { EXIT_ERROR, EXIT_OK, UsageError, processIo, type CliCommand, type CliIo } from './io';

const COMMANDS: Record<string, { run: CliCommand; summary: string; usage: string }> = {
  scan: { run: scanCommand, usage: SCAN_USAGE, summary: 'PII, secrets, risky prompts, bias and malformed rows in datasets and prompt files' },
  audit: { run: auditCommand, usage: AUDIT_USAGE, summary: 'group disparities, identity terms, proxies and leakage in a labelled dataset' },
  train: { run: trainCommand, usage: TRAIN_USAGE, summary: 'train a classifier with TensorFlow.js and report per-group fairness' },
  fairness: { run: fairnessCommand, usage: FAIRNESS_USAGE, summary: 'Fairlearn/AIF360 group metrics of predictions in a CSV' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`);
  return `rml ${version} — Responsible ML checks for CI\n\nusage: rml <command> [options]\n\n${lines.join('\n')}\n\nrml <command> --help for a command's options. Exit codes: 0 ok, 1 findings at or above the threshold, 2 usage or I/O error.\n`;
}

/** Runs one `rml` invocation; returns the exit code. Exported for in-process tests. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT_ERROR : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`rml: unknown command '${name}'\n\n${usage()}`);
    return EXIT_ERROR;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n`);
    return EXIT_OK;
  }
  try {
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

if (require.main === module) {
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
