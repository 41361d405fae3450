/**
 * `npm run fuzz`: mutated fixtures (test/fixtures, see mutate.ts) through `rml scan` (the built CLI, in a child
 * process that is killed past the deadline) and through the built language server (test/server's JSON-RPC
 * client), then all of them at once through one real `rml scan` process over their directory.
 *
 * Reports every input that took over 2 s while at most 100 KB, or over 10 s at all, every report on stdout that
 * is not valid JSON/SARIF, every exit code other than 0/1, every crash; exits 1 if there is any. Inputs that
 * failed are kept under test/fuzz/.findings/ (git-ignored) with what was done to them.
 *
 * Needs `npm run build`. RML_FUZZ_COUNT (2000), RML_FUZZ_SEED (1), RML_FUZZ_TARGETS (cli,server,directory),
 * RML_FUZZ_DEADLINE_MS (12000).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliJob, CliOutcome } from './cliWorker';
import { fixtureFiles, mutants, SMALL_BYTES, type Mutant } from './mutate';
import { ServerFuzzer } from './serverRun';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SERVER = path.join(ROOT, 'dist/server.js');
const FINDINGS = path.join(__dirname, '.findings');
/** Past this a run is stopped (and counted as over 10 s); RML_FUZZ_DEADLINE_MS. */
const DEADLINE_MS = Number(process.env['RML_FUZZ_DEADLINE_MS'] ?? 12_000);
const SLOW_SMALL_MS = 2_000;
const SLOW_ANY_MS = 10_000;

interface Measured {
  target: 'cli' | 'server';
  mutant: Mutant;
  ms: number;
  problem?: string;
}

/** Runs CLI jobs one at a time in a child process, replacing it after a time-out. */
class CliRunner {
  private child: ChildProcess | undefined;

  async run(job: CliJob): Promise<CliOutcome | 'timeout' | 'crash'> {
    const child = (this.child ??= fork(path.join(__dirname, 'cliWorker.ts'), [], {
      execArgv: ['--require', 'tsx/cjs'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    }));
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish('timeout'), DEADLINE_MS);
      const onMessage = (outcome: CliOutcome) => outcome.id === job.id && finish(outcome);
      const onExit = () => finish('crash');
      const finish = (result: CliOutcome | 'timeout' | 'crash') => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (result === 'timeout' || result === 'crash') {
          child.kill('SIGKILL');
          this.child = undefined;
        }
        resolve(result);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(job);
    });
  }

  stop(): void {
    this.child?.kill();
    this.child = undefined;
  }
}

function cliProblem(outcome: CliOutcome | 'timeout' | 'crash'): string | undefined {
  if (outcome === 'timeout') return `no answer in ${DEADLINE_MS / 1000} s`;
  if (outcome === 'crash') return 'the process died';
  if (!outcome.validOutput) return `stdout is not a complete report (exit ${outcome.code})`;
  if (outcome.code === 2) return `exit 2: ${outcome.stderr.split('\n')[0]}`;
  if (outcome.code !== 0 && outcome.code !== 1) return `exit ${outcome.code}`;
  return undefined;
}

async function fuzzCli(files: Array<{ mutant: Mutant; file: string }>): Promise<Measured[]> {
  const runner = new CliRunner();
  const measured: Measured[] = [];
  for (const { mutant, file } of files) {
    const started = Date.now();
    const outcome = await runner.run({ id: mutant.id, file, format: mutant.id % 2 === 0 ? 'json' : 'sarif' });
    const ms = typeof outcome === 'object' ? outcome.ms : Date.now() - started;
    measured.push({ target: 'cli', mutant, ms, problem: cliProblem(outcome) });
    tell(measured.at(-1)!);
    progress('cli', measured.length, files.length);
  }
  runner.stop();
  return measured;
}

async function fuzzServer(files: Array<{ mutant: Mutant; file: string }>, workspace: string): Promise<Measured[]> {
  const fuzzer = new ServerFuzzer(SERVER, workspace, DEADLINE_MS);
  const measured: Measured[] = [];
  for (const { mutant, file } of files) {
    const outcome = await fuzzer.run(mutant.id, file, mutant.extension, mutant.bytes.toString('utf8'));
    const problem = outcome.crashed
      ? 'the server died'
      : outcome.timedOut
        ? `no diagnostics in ${DEADLINE_MS / 1000} s`
        : undefined;
    // Deaf for longer than the analysis itself took: a request waited on a blocked server.
    measured.push({ target: 'server', mutant, ms: Math.max(outcome.ms, outcome.maxRequestMs), problem });
    tell(measured.at(-1)!);
    progress('server', measured.length, files.length);
  }
  await fuzzer.close();
  return measured;
}

function progress(target: string, done: number, total: number): void {
  if (done % 100 === 0 || done === total) process.stderr.write(`${target}: ${done}/${total}\n`);
}

/** Says at once (on stderr) what went wrong with an input, so a long run shows it before its end. */
function tell(entry: Measured): void {
  const why = entry.problem ?? slowness(entry);
  if (why)
    process.stderr.write(
      `${entry.target} #${entry.mutant.id} ${entry.mutant.seed} → ${entry.mutant.extension}, ${entry.mutant.bytes.length} B, ${Math.round(entry.ms)} ms: ${why}\n`,
    );
}

function slowness(entry: Measured): string | undefined {
  if (entry.ms > SLOW_ANY_MS) return `over ${SLOW_ANY_MS / 1000} s`;
  if (entry.ms > SLOW_SMALL_MS && entry.mutant.bytes.length <= SMALL_BYTES)
    return `over ${SLOW_SMALL_MS / 1000} s at ≤ 100 KB`;
  return undefined;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summary(target: string, measured: Measured[]): Record<string, string | number> {
  const times = measured.map((entry) => entry.ms).sort((a, b) => a - b);
  const small = measured.filter((entry) => entry.mutant.bytes.length <= SMALL_BYTES);
  return {
    target,
    inputs: measured.length,
    '≤ 100 KB': small.length,
    'median ms': Math.round(quantile(times, 0.5)),
    'p95 ms': Math.round(quantile(times, 0.95)),
    'max ms': Math.round(times.at(-1) ?? 0),
    '> 2 s at ≤ 100 KB': small.filter((entry) => entry.ms > SLOW_SMALL_MS).length,
    '> 10 s': measured.filter((entry) => entry.ms > SLOW_ANY_MS).length,
    failures: measured.filter((entry) => entry.problem).length,
  };
}

/** One real `rml scan` over every mutant: a bad file must not stop the others, and the SARIF must be complete. */
function scanDirectory(dir: string, count: number): { row: Record<string, string | number>; problem?: string } {
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, 'scan', dir, '--format', 'sarif', '--fail-on', 'none'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: 10 * 60_000,
  });
  const seconds = (Date.now() - started) / 1000;
  let results = -1;
  try {
    results = (JSON.parse(run.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0]?.results.length ?? -1;
  } catch {
    results = -1;
  }
  const problem = run.signal
    ? `stopped after ${seconds} s (${run.signal})`
    : run.status !== 0
      ? `exit ${run.status}: ${run.stderr.split('\n')[0]}`
      : results < 0
        ? 'stdout is not complete SARIF'
        : undefined;
  return {
    row: { target: 'rml scan <dir> (one process)', inputs: count, seconds, exit: run.status ?? -1, results },
    problem,
  };
}

function keep(entry: Measured, why: string): void {
  mkdirSync(FINDINGS, { recursive: true });
  const base = path.join(FINDINGS, `${entry.target}-${entry.mutant.id}`);
  writeFileSync(`${base}${entry.mutant.extension}`, entry.mutant.bytes);
  const { bytes, ...about } = entry.mutant;
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ ...about, bytes: bytes.length, ms: Math.round(entry.ms), why }, null, 2)}\n`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(SERVER)) throw new Error('run `npm run build` first');
  const count = Number(process.env['RML_FUZZ_COUNT'] ?? 2000);
  const seed = Number(process.env['RML_FUZZ_SEED'] ?? 1);
  const targets = (process.env['RML_FUZZ_TARGETS'] ?? 'cli,server,directory').split(',');
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'rml-fuzz-'));
  // Under prompts/, .md and .txt files are prompts (the default prompt glob), as in a real workspace.
  const dir = path.join(workspace, 'prompts');
  mkdirSync(dir);
  const files = [...mutants(fixtureFiles(path.join(ROOT, 'test/fixtures')), count, seed, ROOT)].map((mutant) => {
    const file = path.join(dir, `m${String(mutant.id).padStart(5, '0')}${mutant.extension}`);
    writeFileSync(file, mutant.bytes);
    return { mutant, file };
  });
  const load = () =>
    os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  console.log(`fuzz: ${count} mutants (seed ${seed}), ${os.cpus().length} cores, load average ${load()}`);
  const measured: Measured[] = [];
  const rows: Array<Record<string, string | number>> = [];
  const problems: string[] = [];
  try {
    if (targets.includes('cli')) {
      const cli = await fuzzCli(files);
      measured.push(...cli);
      rows.push(summary('rml scan <file> (in-process, built CLI)', cli));
    }
    if (targets.includes('server')) {
      const server = await fuzzServer(files, workspace);
      measured.push(...server);
      rows.push(summary('language server (open + sentinel)', server));
    }
    if (targets.includes('directory')) {
      const scanned = scanDirectory(dir, files.length);
      rows.push(scanned.row);
      if (scanned.problem) problems.push(`rml scan <dir>: ${scanned.problem}`);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  console.table(rows);
  for (const entry of measured) {
    const why = entry.problem ?? slowness(entry);
    if (!why) continue;
    keep(entry, why);
    problems.push(
      `${entry.target} #${entry.mutant.id} (${entry.mutant.seed}${entry.mutant.extension !== path.extname(entry.mutant.seed) ? ` as ${entry.mutant.extension}` : ''}, ${entry.mutant.bytes.length} bytes, ${Math.round(entry.ms)} ms): ${why} — ${entry.mutant.mutations.join('; ')}`,
    );
  }
  console.log(`load average at the end: ${load()}`);
  if (problems.length === 0) return console.log('no input over the limits, no invalid output, no crash');
  console.log(
    `${problems.length} problem(s); inputs kept in ${path.relative(ROOT, FINDINGS)}/:\n${problems.map((line) => `- ${line}`).join('\n')}`,
  );
  process.exitCode = 1;
}

void main();
