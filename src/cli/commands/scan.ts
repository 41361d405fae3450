import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SEVERITIES, isAtLeast, type Finding, type Severity } from '../../shared/findings';
import { loadConfig, type LoadedConfig } from '../../engine/config/load';
import { relativeToRoot } from '../../engine/findings/fingerprint';
import { scanFile } from '../../engine/scan/scan';
import { findScannableFiles, type ScannableFile } from '../../engine/workspace/walk';
import { parseCommandLine, parseFormat } from '../args';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { createReporter, type ReportFormat } from '../report/reporter';
import { ledgerReporter } from './scanLedger';

export const SCAN_USAGE = `rml scan <paths…> [--format text|json|sarif] [--fail-on error|warning|information|none] [--config FILE]`;

/**
 * `rml scan`: the editor's checks over files and directories, streamed (bounded memory on any size),
 * reported as text, JSON or SARIF 2.1.0. Exit 0 when nothing reaches `--fail-on`, 1 when something does.
 */
export const scanCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandLine(args, {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError(`no paths given\nusage: ${SCAN_USAGE}`);
  const format = parseFormat<ReportFormat>(values.format, ['text', 'json', 'sarif'], 'text');
  const failOn = parseFailOn(values['fail-on']);
  const configs = new ConfigsByDirectory(values.config === undefined ? undefined : path.resolve(io.cwd, values.config), io.cwd);
  const reporter = ledgerReporter(createReporter(format, io), io.cwd);
  let failing = 0;
  const onFinding = (finding: Finding) => {
    if (failOn !== 'none' && isAtLeast(finding.severity, failOn)) failing++;
    reporter.finding(finding);
  };
  for (const target of positionals) {
    const absolute = path.resolve(io.cwd, target);
    const targetDir = (await isDirectory(absolute)) ? absolute : path.dirname(absolute);
    for await (const file of filesUnder(target, await configs.forDirectory(targetDir), io)) {
      const loaded = await configs.forDirectory(path.dirname(file.path));
      reporter.file(file.path);
      await scanFile(file.path, {
        file: displayPath(io.cwd, file.path),
        relativePath: relativeToRoot(loaded.root, file.path),
        path: file.path,
        displayNameOf: (other) => displayPath(io.cwd, other),
        format: file.format,
        isPrompt: file.isPrompt,
        ...(file.card ? { card: file.card } : {}),
        config: loaded.config,
        onFinding,
      });
    }
  }
  reporter.end();
  await reporter.recorded();
  return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
};

function parseFailOn(value: string | undefined): Severity | 'none' {
  if (value === undefined) return 'error';
  if (value === 'none' || (SEVERITIES as readonly string[]).includes(value)) return value as Severity | 'none';
  throw new UsageError(`--fail-on must be one of error, warning, information, hint, none (got '${value}')`);
}

/**
 * The config of each file: `--config` for all, or else the nearest `.rml.json` above the file (as the editor
 * finds it), loaded once per directory. An invalid config stops the scan with its line and column (exit 2).
 */
class ConfigsByDirectory {
  private readonly byDirectory = new Map<string, Promise<LoadedConfig>>();

  /** `cwd` is the root of fingerprints when no config file exists (CI runs at the repository root, as editors open it). */
  constructor(
    private readonly explicitPath: string | undefined,
    private readonly cwd: string,
  ) {}

  forDirectory(directory: string): Promise<LoadedConfig> {
    const dir = this.explicitPath ? '' : directory;
    let loaded = this.byDirectory.get(dir);
    if (!loaded) {
      loaded = this.load(dir);
      this.byDirectory.set(dir, loaded);
    }
    return loaded;
  }

  private async load(dir: string): Promise<LoadedConfig> {
    let loaded: LoadedConfig;
    try {
      loaded = await loadConfig({ explicitPath: this.explicitPath, startDir: dir });
    } catch (error) {
      throw new UsageError(`cannot read config ${this.explicitPath}: ${(error as Error).message}`);
    }
    const problem = loaded.problems[0];
    if (problem) {
      const { line, character } = problem.range.start;
      throw new UsageError(`${problem.message} (line ${line + 1}, column ${character + 1})`);
    }
    return loaded.path ? loaded : { ...loaded, root: this.cwd };
  }
}

async function* filesUnder(target: string, loaded: LoadedConfig, io: CliIo): AsyncGenerator<ScannableFile> {
  const absolute = path.resolve(io.cwd, target);
  try {
    yield* findScannableFiles(absolute, { config: loaded.config, root: loaded.root });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${target}: no such file or directory`);
    throw error;
  }
}

/** Paths under the working directory print relative (what a user typed); others stay absolute. */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false; // a missing path is reported by the walk, with its name
  }
}
