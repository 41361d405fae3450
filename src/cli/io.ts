import path from 'node:path';
import { writeFully } from './report/writeFully';

/** What a CLI command may touch besides the file system: injected so tests run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative paths resolve against. */
  cwd: string;
}

/** Exit codes shared by every `rml` command (see README "CLI"). */
export const EXIT_OK = 0;
/** Findings (or disparities) at or above the `--fail-on` threshold. */
export const EXIT_FINDINGS = 1;
/** Usage, input or I/O error; the message goes to stderr. */
export const EXIT_ERROR = 2;

/** A problem with the command line or its inputs: reported on stderr with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Every command module exports one of these. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

export function processIo(): CliIo {
  return {
    stdout: writeToStdout,
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

/**
 * Synchronous, waiting while the pipe is full: a slow reader must not make the report queue up in memory.
 * A reader that went away (`rml scan … | head`) ends the run quietly, as Unix tools do on a closed pipe.
 */
function writeToStdout(text: string): void {
  try {
    writeFully(1, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    process.exit(EXIT_OK);
  }
}

/** A file as messages name it: relative to the working directory with `/` when inside it, else absolute. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
