import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TOLERANCE, diffRuns, diffTrees, materializeCommit, repositoryRoot, resolveCommit, type Regression } from '../../engine/accountability/diff';
import { readRun } from '../../engine/runs/runDir';
import { parseCommandLine, parseFormat } from '../args';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { resolveRunDir } from './card';
import { isScanInput, scanTree } from './diffTrees';

export const DIFF_USAGE = `rml diff RUN_A RUN_B [--tolerance X] [--fail-on-regression] [--format text|json]
rml diff --base REF [PATH…] [--tolerance X] [--fail-on-regression] [--format text|json]

Regressions in review. Two runs (folders or ids under .rml/runs): test accuracy, F1, ROC AUC, log loss and
calibration, every disparity per sensitive column with its verdict, and ε of DP-SGD runs. With --base: the working
tree against a git ref (a branch, tag or commit): findings new since the ref (new PII, new secrets…) and each
dataset's label-rate disparities. The ref's files are read with git show into a temporary folder: the checkout,
its index and worktrees are never touched.

options:
  --base REF             compare the working tree's PATHs (default: the whole repository) with REF
  --tolerance X          how much worse a figure must get to be a regression (default ${DEFAULT_TOLERANCE})
  --fail-on-regression   exit 1 when there is a regression (for CI)
  --format F             text (default) or json

regressions: a metric worse by more than the tolerance; a disparity that is now outside its threshold (ratios
below 0.8, differences beyond ±0.1) or, already outside, worse by more than the tolerance; a larger ε or DP-SGD
dropped; new PII or secret findings.
json (runs): { "mode": "runs", "before": { "run", "dataset", "epsilon"? }, "after": {…}, "datasetChanged",
"metrics": [ { "metric", "before", "after", "change", "worse" } ], "disparities": [ { "column", "metric", "before",
"after", "beforeVerdict", "afterVerdict", "worse" } ], "regressions": [ { "kind", "message" } ] }
json (base): { "mode": "base", "base": { "ref", "commit" }, "newFindings": [ { "file", "line", "code", "message" } ],
"resolved", "byCode": { code: { "before", "after" } }, "disparities": […], "regressions": […] }

example: rml diff --base origin/main data --fail-on-regression`;

/** `rml diff`: exit 0; 1 with --fail-on-regression when there is one; 2 on errors. */
export const diffCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandLine(args, {
    base: { type: 'string' }, tolerance: { type: 'string' }, 'fail-on-regression': { type: 'boolean' }, format: { type: 'string' },
  });
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const tolerance = values.tolerance === undefined ? DEFAULT_TOLERANCE : Number(values.tolerance);
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError(`--tolerance must be a number ≥ 0 (got '${values.tolerance}')`);
  const report = values.base !== undefined ? await baseDiff(values.base, positionals, tolerance, io) : await runsDiff(positionals, tolerance, io);
  const regressions = report['regressions'] as Regression[];
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : textReport(report, regressions));
  return values['fail-on-regression'] && regressions.length > 0 ? EXIT_FINDINGS : EXIT_OK;
};

async function runsDiff(positionals: string[], tolerance: number, io: CliIo): Promise<Record<string, unknown>> {
  if (positionals.length !== 2) throw new UsageError(`expected two runs, or --base REF\nusage: ${DIFF_USAGE}`);
  const [a, b] = await Promise.all(positionals.map(async (given) => readRun(await resolveRunDir(given, io.cwd))));
  return { mode: 'runs', ...diffRuns(a!, b!, tolerance) };
}

async function baseDiff(ref: string, positionals: string[], tolerance: number, io: CliIo): Promise<Record<string, unknown>> {
  let repo: string;
  try {
    repo = await repositoryRoot(io.cwd);
  } catch {
    throw new UsageError(`--base needs a git repository (${io.cwd} is not in one)`);
  }
  const commit = await resolveCommit(repo, ref).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  const paths = positionals.map((given) => {
    const relative = path.relative(repo, path.resolve(io.cwd, given)).split(path.sep).join('/');
    if (relative.startsWith('..')) throw new UsageError(`${given} is outside the repository ${repo}`);
    if (!existsSync(path.resolve(io.cwd, given))) throw new UsageError(`${given}: no such file or directory`);
    return relative || '.';
  });
  const temporary = await mkdtemp(path.join(os.tmpdir(), 'rml-diff-base-'));
  try {
    await materializeCommit(repo, commit, paths, temporary, isScanInput);
    const basePaths = paths.filter((relative) => existsSync(path.join(temporary, relative)));
    const base = basePaths.length || paths.length === 0 ? await scanTree(temporary, basePaths) : { findings: [], audits: {} };
    const head = await scanTree(repo, paths);
    return { mode: 'base', base: { ref, commit }, ...diffTrees(base, head, tolerance) };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

function textReport(report: Record<string, unknown>, regressions: Regression[]): string {
  const lines: string[] = [];
  if (report['mode'] === 'runs') {
    const before = report['before'] as { run: string };
    const after = report['after'] as { run: string };
    lines.push(`${before.run} → ${after.run}${report['datasetChanged'] ? ' (different dataset)' : ''}`);
    for (const metric of report['metrics'] as Array<{ metric: string; before: number | null; after: number | null; worse: boolean }>) {
      lines.push(`  ${metric.metric.padEnd(26)} ${fixed(metric.before)} → ${fixed(metric.after)}${metric.worse ? '  worse' : ''}`);
    }
  } else {
    const base = report['base'] as { ref: string; commit: string };
    const fresh = report['newFindings'] as Array<{ file: string; line: number; code: string; message: string }>;
    lines.push(`working tree vs ${base.ref} (${base.commit.slice(0, 12)}): ${fresh.length} new findings, ${report['resolved']} resolved`);
    for (const finding of fresh.slice(0, 50)) lines.push(`  + ${finding.file}:${finding.line} ${finding.code} ${finding.message}`);
  }
  lines.push(regressions.length ? `${regressions.length} regression${regressions.length === 1 ? '' : 's'}:` : 'no regression');
  for (const regression of regressions) lines.push(`  ✗ ${regression.kind}: ${regression.message}`);
  return `${lines.join('\n')}\n`;
}

function fixed(value: number | null): string {
  return value === null ? '—' : value.toFixed(4);
}
