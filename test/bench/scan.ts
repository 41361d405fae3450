/**
 * Scan throughput and memory of `rml scan` on generated CSVs (10 MB, 100 MB, 1 GB; and a table with a free-text
 * column), on one thread (`--workers 1`) and on all cores (the default), ripgrep on the same files with
 * comparable regular expressions as the "close to the limit" reference, in the same run, with rml's time as a
 * multiple of ripgrep's and the load average it was measured under, the CLI's start-up (what a small file
 * costs), and the time from an edit to fresh diagnostics on a 10,000-row document in the language server.
 * Needs `npm run build` first.
 * Sizes: RML_BENCH_SIZES=10,100,1000 (MB). Files are generated once under test/bench/.data/ (git-ignored).
 * Up to 100 MB, also a table with a free-text column and a JSONL instruction dataset (promptDataset.ts).
 * RML_BENCH_FILES=2000 (0: none) small files in one folder, scanned by `rml scan <dir>` on one thread and on all.
 * RML_BENCH_DISTINCT=1 also scans files whose phone and card numbers all differ: the default file repeats one of
 * each, which the phone detector's memo of libphonenumber verdicts turns into lookups.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POOL_FROM_THREADS } from '../../src/engine/scan/fileQueue';
import { LspTestClient } from '../server/lspClient';
import { generatePromptJsonl } from './promptDataset';
import { customerRow, generateCsv, generateTextCsv } from './scanTables';

type Row = Record<string, string | number>;

const DATA_DIR = path.resolve(__dirname, '.data');
const CLI = path.resolve(__dirname, '../../dist/cli.js');
const SERVER = path.resolve(__dirname, '../../dist/server.js');

/**
 * Runs a command under GNU time: wall seconds, peak resident memory and the last line of its output. Only the
 * tail of the output is kept, as bytes: the report of a 1 GB scan is larger than a JavaScript string can be, and
 * decoding all of its 0.8-1.6 GB, as this did before, took CPU time from the two cores the scan runs on.
 */
async function timed(
  command: string,
  args: string[],
): Promise<{ seconds: number; peakMiB: number; lastLine: string; tail: string }> {
  const child = spawn('/usr/bin/time', ['-f', '%e %M', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const last: Buffer[] = [];
  let lastBytes = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    last.push(chunk);
    lastBytes += chunk.length;
    while (last.length > 1 && lastBytes - last[0]!.length >= 4096) lastBytes -= last.shift()!.length;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  // 0 or 1 (ripgrep's "no match"): a missing tool (127) or a crash must not print as a time of 0 s.
  if (code !== 0 && code !== 1) throw new Error(`${command} exited with ${code}: ${stderr.trim().slice(-500)}`);
  const [seconds, kib] = stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const tail = Buffer.concat(last).subarray(-4096).toString('utf8');
  return { seconds: seconds!, peakMiB: kib! / 1024, lastLine: tail.trimEnd().split('\n').pop() ?? '', tail };
}

/** Records: the lines, less a CSV's header. */
function rowsOf(file: string): number {
  const lines = Number(execFileSync('wc', ['-l', file], { encoding: 'utf8' }).trim().split(' ')[0]);
  return file.endsWith('.jsonl') ? lines : lines - 1;
}

async function scanThroughput(megabytes: number, kind: TableKind = 'customers'): Promise<Row[]> {
  const file =
    kind === 'text'
      ? generateTextCsv(DATA_DIR, megabytes)
      : kind === 'prompts'
        ? generatePromptJsonl(DATA_DIR, megabytes)
        : generateCsv(DATA_DIR, megabytes, kind === 'distinct');
  const bytes = statSync(file).size;
  const rows = rowsOf(file);
  const mb = bytes / 1e6;
  const label = {
    customers: 'rml scan',
    distinct: 'rml scan (distinct phones, cards)',
    text: 'rml scan (free-text column)',
    prompts: 'rml scan (JSONL instruction dataset)',
  }[kind];
  // Text output keeps the reporter out of the way; findings are counted from its summary line.
  const one = await timed(process.execPath, [CLI, 'scan', file, '--fail-on', 'none', '--workers', '1']);
  const all = await timed(process.execPath, [CLI, 'scan', file, '--fail-on', 'none']);
  // What CI gates read: the JSON report, each finding with its fingerprint (the customer tables: a finding every 6 rows).
  const json =
    kind === 'customers'
      ? await timed(process.execPath, [CLI, 'scan', file, '--fail-on', 'none', '--format', 'json'])
      : undefined;
  const regexes = [
    '[\\w.+-]+@[\\w-]+\\.[\\w.]+',
    '\\b(?:\\d[ -]?){13,19}\\b',
    '\\+\\d[\\d ()-]{7,}',
    '\\b\\d{3}-\\d{2}-\\d{4}\\b',
    '\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b',
  ];
  const rg = await timed('rg', ['-c', '--no-filename', ...regexes.flatMap((regex) => ['-e', regex]), file]);
  const load = loadAverage();
  const row = (tool: string, run: { seconds: number; peakMiB: number; lastLine: string }, findings: string) => ({
    tool,
    size: `${megabytes} MB`,
    rows,
    findings,
    seconds: round(run.seconds),
    'MB/s': round(mb / run.seconds),
    'rows/s': Math.round(rows / run.seconds),
    'peak MiB': round(run.peakMiB),
    '× ripgrep': round(run.seconds / rg.seconds),
    load,
  });
  const found = (run: { lastLine: string }) => /(\d+) findings?/.exec(run.lastLine)?.[1] ?? '?';
  const threads = `${os.availableParallelism()} threads (default)`;
  return [
    row(`${label}, 1 thread (--workers 1)`, one, found(one)),
    row(`${label}, ${threads}`, all, found(all)),
    ...(json ? [row(`${label} --format json, ${threads}`, json, foundInJson(json))] : []),
    row('ripgrep (5 regexes, count only)', rg, rg.lastLine),
  ];
}

/** The findings a JSON report counts in its summary (the last line of the report is its closing brace). */
function foundInJson(run: { tail: string }): string {
  return /"findings":(\d+)/.exec(run.tail)?.[1] ?? '?';
}

type TableKind = 'customers' | 'distinct' | 'text' | 'prompts';

/**
 * A folder of `count` small datasets, half customer CSVs of 60 rows, half JSONL records of 40 (each 3–6 KB, PII
 * in some cells): what a data folder of many shards or a test-fixture tree looks like.
 */
export function generateSmallFiles(count: number): string {
  const dir = path.join(DATA_DIR, `small-files-${count}`);
  if (existsSync(path.join(dir, 'done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < count; f++) {
    const first = f * 60 + 1;
    const shard = path.join(dir, `shard-${String(Math.floor(f / 100)).padStart(2, '0')}`);
    mkdirSync(shard, { recursive: true });
    if (f % 2 === 0) {
      let text = 'id,name,email,phone,card,amount,notes\n';
      for (let i = first; i < first + 60; i++) text += customerRow(i, true);
      writeFileSync(path.join(shard, `customers-${f}.csv`), text);
    } else {
      const lines = [];
      for (let i = first; i < first + 40; i++) {
        const [, id, name, email, phone] = /^(\d+),([^,]*),([^,]*),([^,]*)/.exec(customerRow(i, true))!;
        lines.push(JSON.stringify({ id: Number(id), name, email, phone, note: `ticket ${i} closed` }));
      }
      writeFileSync(path.join(shard, `events-${f}.jsonl`), `${lines.join('\n')}\n`);
    }
  }
  writeFileSync(path.join(dir, 'done'), '');
  return dir;
}

/**
 * `rml scan <dir> --format json` over many small files on one thread and on `threads` (at least 3: fewer keep every
 * file on one thread), the JSON reports compared (they must be the same, byte for byte), ripgrep over the same
 * folder for reference.
 */
async function manyFiles(
  count: number,
  threads = Math.max(POOL_FROM_THREADS, os.availableParallelism()),
): Promise<Row[]> {
  const dir = generateSmallFiles(count);
  const report = (workers: number) => path.join(DATA_DIR, `small-files-report-${workers}.json`);
  const scan = async (workers: number) => {
    const out = openSync(report(workers), 'w');
    // Run from the data folder: from the repository root the walk would honour its .gitignore, which names it.
    const run = await timedTo(out, DATA_DIR, process.execPath, [
      CLI,
      'scan',
      path.basename(dir),
      '--format',
      'json',
      '--fail-on',
      'none',
      '--workers',
      String(workers),
    ]);
    closeSync(out);
    return run;
  };
  const one = await scan(1);
  const all = await scan(threads);
  const digest = (workers: number) =>
    createHash('sha256')
      .update(readFileSync(report(workers)))
      .digest('hex');
  const same = digest(1) === digest(threads) ? 'yes' : 'NO';
  const findings = (JSON.parse(readFileSync(report(1), 'utf8')) as { findings?: unknown[] }).findings?.length ?? '?';
  const regexes = ['[\\w.+-]+@[\\w-]+\\.[\\w.]+', '\\b(?:\\d[ -]?){13,19}\\b', '\\+\\d[\\d ()-]{7,}'];
  const rg = await timed('rg', ['-c', '--no-ignore', ...regexes.flatMap((regex) => ['-e', regex]), dir]);
  const load = loadAverage();
  const row = (tool: string, run: { seconds: number; peakMiB: number }) => ({
    tool,
    files: count,
    findings: String(findings),
    seconds: round(run.seconds),
    'files/s': Math.round(count / run.seconds),
    'peak MiB': round(run.peakMiB),
    '× ripgrep': round(run.seconds / rg.seconds),
    'same report': same,
    load,
  });
  return [
    row(`rml scan <dir> (${count} small files), 1 thread`, one),
    row(`rml scan <dir> (${count} small files), ${threads} threads`, all),
    row('ripgrep (3 regexes, count only)', { ...rg, seconds: rg.seconds }),
  ];
}

/** `timed` in `cwd`, the command's stdout written to `fd` (a report too large to hold as a string is fine). */
async function timedTo(
  fd: number,
  cwd: string,
  command: string,
  args: string[],
): Promise<{ seconds: number; peakMiB: number }> {
  const child = spawn('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, stdio: ['ignore', fd, 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  // 0 or 1 (ripgrep's "no match"): a missing tool (127) or a crash must not print as a time of 0 s.
  if (code !== 0 && code !== 1) throw new Error(`${command} exited with ${code}: ${stderr.trim().slice(-500)}`);
  const [seconds, kib] = stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: seconds!, peakMiB: kib! / 1024 };
}

/** Median wall time of `rml --version` and of `rml scan` on a two-row CSV: the fixed cost of every run. */
async function startUp(runs = 5): Promise<Row[]> {
  mkdirSync(DATA_DIR, { recursive: true });
  const tiny = path.join(DATA_DIR, 'tiny.csv');
  writeFileSync(tiny, 'name,email\nAnn,ann@example.com\n');
  const median = async (args: string[]) => {
    const seconds: number[] = [];
    for (let k = 0; k < runs; k++) seconds.push((await timed(process.execPath, [CLI, ...args])).seconds);
    return seconds.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
  };
  return [
    { measure: 'start-up: rml --version', runs, 'median s': await median(['--version']) },
    { measure: 'start-up: rml scan (2-row CSV)', runs, 'median s': await median(['scan', tiny, '--fail-on', 'none']) },
  ];
}

/** Edit one cell at a time in a 10,000-row document and time each until its diagnostics arrive. */
async function editLatency(edits = 60): Promise<Row[]> {
  const client = new LspTestClient(SERVER, { debounceMs: 0 });
  mkdirSync(DATA_DIR, { recursive: true });
  await client.initialize(DATA_DIR);
  const lines = ['id,name,email,phone,card,amount,notes'];
  for (let i = 1; i <= 10_000; i++) lines.push(customerRow(i).trimEnd());
  const uri = client.open(path.join(DATA_DIR, 'edit-latency.csv'), 'csv', `${lines.join('\n')}\n`);
  const first = Date.now();
  await client.nextDiagnostics(uri);
  const openMs = Date.now() - first;
  const latencies: number[] = [];
  for (let version = 2; version < edits + 2; version++) {
    const line = 1 + ((version * 163) % 10_000);
    const started = process.hrtime.bigint();
    client.change(uri, version, [
      { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${version}` },
    ]);
    await client.nextDiagnostics(uri, (published) => published.version === version);
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  await client.shutdown();
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return [
    {
      measure: 'edit → fresh diagnostics, 10,000-row CSV (debounce 0)',
      edits,
      'first analysis ms': openMs,
      'median ms': round(quantile(0.5)),
      'p95 ms': round(quantile(0.95)),
      'max ms': round(latencies[latencies.length - 1]!),
    },
  ];
}

/** The 1-minute load average: on a shared machine, what the timings next to it were measured under. */
function loadAverage(): string {
  return os.loadavg()[0]!.toFixed(2);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Four tables: throughput and memory, many small files, start-up, edit latency. */
export async function run(): Promise<Row[][]> {
  if (!existsSync(CLI) || !existsSync(SERVER)) throw new Error('run `npm run build` first');
  const sizes = (process.env['RML_BENCH_SIZES'] ?? '10,100,1000').split(',').filter(Boolean).map(Number);
  const rows: Row[] = [];
  for (const size of sizes) rows.push(...(await scanThroughput(size)));
  // The table with a free-text column, at the sizes up to 100 MB (its audit reads every row).
  for (const size of sizes.filter((size) => size <= 100)) rows.push(...(await scanThroughput(size, 'text')));
  // A JSONL dataset whose text fields get the prompt checks: the cost per row the other tables do not have.
  for (const size of sizes.filter((size) => size <= 100)) rows.push(...(await scanThroughput(size, 'prompts')));
  if (process.env['RML_BENCH_DISTINCT'] === '1')
    for (const size of sizes) rows.push(...(await scanThroughput(size, 'distinct')));
  const files = process.env['RML_BENCH_FILES'] ?? '2000';
  const small = files === '0' ? [] : await manyFiles(Number(files));
  return [rows, small, await startUp(), await editLatency()];
}

if (require.main === module) void run().then((tables) => tables.forEach((table) => console.table(table)));
