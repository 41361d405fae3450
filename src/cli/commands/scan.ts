import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SEVERITIES, isAtLeast, type Finding, type Severity } from '../../shared/findings';
import { loadConfig, type LoadedConfig } from '../../engine/config';
import { allowCompilerTuning } from '../../engine/io';
import { relativeToRoot } from '../../engine/findings';
import { FileScanQueue, type ScanRequest } from '../../engine/scan';
import { findScannableFiles, type ScannableFile } from '../../engine/workspace';
import { parseCommandLine, parseFormat } from '../args';
import { displayPath, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { createReporter, type ReportFormat, type Reporter } from '../report/reporter';
import { ledgerReporter } from './scanLedger';

export const SCAN_USAGE = `rml scan <paths…> [--format text|json|sarif] [--fail-on error|warning|information|none] [--config FILE] [--workers N]`;

/**
 * `rml scan`: the editor's checks over files and directories, streamed (bounded memory on any size),
 * reported as text, JSON or SARIF 2.1.0. Exit 0 when nothing reaches `--fail-on`, 1 when something does, 2 when
 * a file or config could not be read: the other files are scanned all the same, and the report on stdout is
 * always complete (valid JSON or SARIF) once anything was written.
 */
export const scanCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandLine(args, {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    workers: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError(`no paths given\nusage: ${SCAN_USAGE}`);
  // A scan with worker threads may then inline less (engine/io/compilerFlags.ts): this process does nothing else.
  allowCompilerTuning();
  const format = parseFormat<ReportFormat>(values.format, ['text', 'json', 'sarif'], 'text');
  const failOn = parseFailOn(values['fail-on']);
  const workers = parseWorkers(values.workers);
  const configs = new ConfigsByDirectory(
    values.config === undefined ? undefined : path.resolve(io.cwd, values.config),
    io.cwd,
  );
  // A config that cannot be used at the top of a target stops the run before anything is written.
  for (const target of positionals) usable(await configs.forDirectory(await targetDirectory(io.cwd, target)));
  const reporter = ledgerReporter(createReporter(format, io), io.cwd);
  const run = new ScanRun(reporter, format, io, failOn, workers);
  try {
    for (const target of positionals) await run.target(target, configs);
    await run.finish();
  } catch (error) {
    // What was queued before the error is reported first, as it was scanned before it.
    await run.finish().catch(() => undefined);
    run.fail(error instanceof UsageError ? error.message : describe(error));
  } finally {
    run.reporter.end();
  }
  await reporter.recorded();
  return run.exitCode();
};

/**
 * One `rml scan`: its reporter, what reached `--fail-on`, and the errors met on the way. Files are queued (small
 * ones scanned ahead in worker threads) and reported in the order they are found.
 */
class ScanRun {
  private failing = 0;
  private errors = 0;
  private readonly reportedConfigs = new Set<string>();
  private readonly queue: FileScanQueue;
  private readonly lines: ScanRequest['lines'];
  /** A text report prints no fingerprint: the scan need not make them. */
  private readonly fingerprints: boolean;

  constructor(
    readonly reporter: Reporter,
    format: ReportFormat,
    private readonly io: CliIo,
    private readonly failOn: Severity | 'none',
    /** `--workers`: threads per large table or many small files (undefined: RML_SCAN_WORKERS, else one per core). */
    private readonly workers?: number,
  ) {
    this.queue = new FileScanQueue(workers === undefined ? {} : { workers });
    this.lines = this.linesOf(format);
    this.fingerprints = format !== 'text';
  }

  readonly onFinding = (finding: Finding): void => {
    this.count(finding.severity);
    this.reporter.finding(finding);
  };

  /** Findings a worker wrote as this report's lines (a SARIF result after its rule index: findings/sarifEntry.ts). */
  private linesOf(format: ReportFormat): ScanRequest['lines'] {
    const reporter = this.reporter;
    if (!reporter.line) return undefined;
    return {
      format,
      onLine: (line) => {
        this.count(line.severity);
        reporter.line!(line);
      },
    };
  }

  private count(severity: Severity): void {
    if (this.failOn !== 'none' && isAtLeast(severity, this.failOn)) this.failing++;
  }

  async target(target: string, configs: ConfigsByDirectory): Promise<void> {
    const top = await configs.forDirectory(await targetDirectory(this.io.cwd, target));
    for await (const file of filesUnder(target, top, this.io)) {
      const loaded = await configs.forDirectory(path.dirname(file.path));
      const fatal = loaded.problems.find((problem) => problem.scope === 'file');
      if (fatal) {
        await this.queue.then(() => {
          this.reportConfigValues(loaded);
          this.fail(`${displayPath(this.io.cwd, file.path)} not scanned: ${describeProblem(fatal)}`);
        });
        continue;
      }
      await this.file(file, loaded);
    }
  }

  /** Resolves once every queued file was reported. */
  finish(): Promise<void> {
    return this.queue.finish();
  }

  fail(message: string): void {
    this.errors++;
    this.io.stderr(`rml scan: ${message}\n`);
  }

  exitCode(): number {
    if (this.errors > 0) return EXIT_ERROR;
    return this.failing > 0 ? EXIT_FINDINGS : EXIT_OK;
  }

  /** Queues one file; whatever goes wrong in it is reported at its turn and the scan goes on with the next file. */
  private file(file: ScannableFile, loaded: LoadedConfig): Promise<void> {
    return this.queue.add({
      path: file.path,
      size: file.size,
      request: {
        file: displayPath(this.io.cwd, file.path),
        relativePath: relativeToRoot(loaded.root, file.path),
        path: file.path,
        displayNameOf: (other) => displayPath(this.io.cwd, other),
        format: file.format,
        isPrompt: file.isPrompt,
        ...(file.card ? { card: file.card } : {}),
        config: loaded.config,
        onFinding: this.onFinding,
        ...(this.lines ? { lines: this.lines } : {}),
        ...(this.fingerprints ? {} : { fingerprints: false }),
        ...(this.workers === undefined ? {} : { workers: this.workers }),
      },
      begin: () => {
        this.reportConfigValues(loaded);
        this.reporter.file(file.path);
      },
      end: (error) => {
        if (error !== undefined) this.fail(`${displayPath(this.io.cwd, file.path)}: ${describe(error)}`);
      },
    });
  }

  /** A config's rejected values (a split path outside its folder) are findings on that config, reported once. */
  private reportConfigValues(loaded: LoadedConfig): void {
    if (!loaded.path || this.reportedConfigs.has(loaded.path)) return;
    this.reportedConfigs.add(loaded.path);
    for (const problem of loaded.problems) {
      if (problem.scope !== 'value') continue;
      this.onFinding({
        file: displayPath(this.io.cwd, loaded.path),
        range: problem.range,
        code: 'config/invalid',
        severity: 'error',
        message: problem.message.replace(`${loaded.path}: `, ''),
      });
    }
  }
}

function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 256)
    throw new UsageError(`--workers must be a whole number from 1 to 256 (got '${value}')`);
  return count;
}

function parseFailOn(value: string | undefined): Severity | 'none' {
  if (value === undefined) return 'error';
  if (value === 'none' || (SEVERITIES as readonly string[]).includes(value)) return value as Severity | 'none';
  throw new UsageError(`--fail-on must be one of error, warning, information, hint, none (got '${value}')`);
}

/** The config, unless a problem keeps the whole file from applying: then a UsageError with its line and column. */
function usable(loaded: LoadedConfig): LoadedConfig {
  const fatal = loaded.problems.find((problem) => problem.scope === 'file');
  if (fatal) throw new UsageError(describeProblem(fatal));
  return loaded;
}

function describeProblem(problem: LoadedConfig['problems'][number]): string {
  const { line, character } = problem.range.start;
  return `${problem.message} (line ${line + 1}, column ${character + 1})`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The config of each file: `--config` for all, or else the nearest `.rml.json` above the file (as the editor
 * finds it), loaded once per directory.
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
      throw new UsageError(describe(error));
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

/** The directory whose config applies at the top of `target`; a target that does not exist is a usage error. */
async function targetDirectory(cwd: string, target: string): Promise<string> {
  const absolute = path.resolve(cwd, target);
  try {
    return (await stat(absolute)).isDirectory() ? absolute : path.dirname(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${target}: no such file or directory`);
    throw new UsageError(`${target}: ${describe(error)}`);
  }
}
