import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_TOLERANCE,
  diffRuns,
  diffTrees,
  type DisparityChange,
  materializeCommit,
  repositoryRoot,
  resolveCommit,
  type Regression,
} from '../../engine/accountability';
import { readRun } from '../../engine/runs';
import { parseFormat } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { FORMAT_OPTION } from './common';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { resolveRunDir } from '../runOption';
import { isScanInput, scanTree } from './diffTrees';

export const DIFF_SPEC = defineCommand({
  usage: 'RUN_A RUN_B [options] | --base REF [PATH…] [options]',
  description:
    'Regressions in review. Two runs (folders or ids under .rml/runs): test accuracy, F1, ROC AUC, log loss and ' +
    'calibration, every disparity per sensitive column with its verdict, and ε of DP-SGD runs. With --base: the working ' +
    "tree against a git ref: findings new since the ref (new PII, new secrets…) and each dataset's label-rate " +
    "disparities. The ref's files are read with git show into a temporary folder: the checkout, its index and " +
    'worktrees are never touched. Regressions: a metric worse by more than the tolerance; a disparity newly outside ' +
    'its threshold, or already outside and worse by more than the tolerance; a larger ε or DP-SGD dropped; new PII or secrets.',
  options: {
    base: {
      type: 'string',
      value: 'REF',
      description: "compare the working tree's PATHs with this branch, tag or commit",
      default: 'off: compare two runs',
    },
    tolerance: {
      type: 'string',
      value: 'X',
      description: 'how much worse a figure must get to be a regression',
      default: String(DEFAULT_TOLERANCE),
    },
    'fail-on-regression': {
      type: 'boolean',
      description: 'exit 1 when there is a regression (for CI)',
      default: 'off',
    },
    format: FORMAT_OPTION,
  },
  examples: [
    'rml diff 20261123-153240-73cf5c 20261124-091500-0a1b2c',
    'rml diff --base origin/main data --fail-on-regression',
  ],
  notes: [
    'JSON output (runs): { "mode": "runs", "before": { "run", "dataset", "epsilon"? }, "after", "datasetChanged", "metrics": [ { "metric", "before", "after", "change", "worse" } ], "disparities": [ { "column", "metric", "before", "after", "beforeVerdict", "afterVerdict", "worse" } ], "regressions": [ { "kind", "message" } ] }. (base): { "mode": "base", "base": { "ref", "commit" }, "newFindings": [ { "file", "line", "code", "message" } ], "resolved", "byCode": { code: { "before", "after" } }, "disparities", "regressions" }.',
    'Exit codes: 0, or 1 with --fail-on-regression when there is a regression; 2 usage or I/O error.',
  ],
});

/** `rml diff`: exit 0; 1 with --fail-on-regression when there is one; 2 on errors. */
export const diffCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommand(DIFF_SPEC, args);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const tolerance = values.tolerance === undefined ? DEFAULT_TOLERANCE : Number(values.tolerance);
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new UsageError(`--tolerance must be a number ≥ 0 (got '${values.tolerance}')`);
  const report =
    values.base !== undefined
      ? await baseDiff(values.base, positionals, tolerance, io)
      : await runsDiff(positionals, tolerance, io);
  const regressions = report['regressions'] as Regression[];
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : textReport(report, regressions));
  return values['fail-on-regression'] && regressions.length > 0 ? EXIT_FINDINGS : EXIT_OK;
};

async function runsDiff(positionals: string[], tolerance: number, io: CliIo): Promise<Record<string, unknown>> {
  if (positionals.length !== 2)
    throw new UsageError(`expected two runs, or --base REF\n${usageLine('diff', DIFF_SPEC)}`);
  const [a, b] = await Promise.all(positionals.map(async (given) => readRun(await resolveRunDir(given, io.cwd))));
  return { mode: 'runs', ...diffRuns(a!, b!, tolerance) };
}

async function baseDiff(
  ref: string,
  positionals: string[],
  tolerance: number,
  io: CliIo,
): Promise<Record<string, unknown>> {
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
    const base =
      basePaths.length || paths.length === 0 ? await scanTree(temporary, basePaths) : { findings: [], audits: {} };
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
    for (const metric of report['metrics'] as Array<{
      metric: string;
      before: number | null;
      after: number | null;
      worse: boolean;
    }>) {
      lines.push(
        `  ${metric.metric.padEnd(26)} ${fixed(metric.before)} → ${fixed(metric.after)}${metric.worse ? '  worse' : ''}`,
      );
    }
  } else {
    const base = report['base'] as { ref: string; commit: string };
    const fresh = report['newFindings'] as Array<{ file: string; line: number; code: string; message: string }>;
    lines.push(
      `working tree vs ${base.ref} (${base.commit.slice(0, 12)}): ${fresh.length} new findings, ${report['resolved']} resolved`,
    );
    for (const finding of fresh.slice(0, 50))
      lines.push(`  + ${finding.file}:${finding.line} ${finding.code} ${finding.message}`);
  }
  lines.push(...disparityLines((report['disparities'] ?? []) as DisparityChange[]));
  lines.push(
    regressions.length ? `${regressions.length} regression${regressions.length === 1 ? '' : 's'}:` : 'no regression',
  );
  for (const regression of regressions) lines.push(`  ✗ ${regression.kind}: ${regression.message}`);
  return `${lines.join('\n')}\n`;
}

/** Every disparity compared, by column: the figure before → after and the verdict, or how it changed. */
function disparityLines(changes: readonly DisparityChange[]): string[] {
  if (changes.length === 0) return [];
  const width = Math.max(...changes.map((change) => change.column.length + change.metric.length + 1));
  return [
    '  disparities:',
    ...changes.map((change) => {
      const verdict =
        change.beforeVerdict === change.afterVerdict
          ? change.afterVerdict
          : `${change.beforeVerdict} → ${change.afterVerdict}`;
      const name = `${change.column} ${change.metric}`.padEnd(width);
      return `    ${name} ${fixed(change.before)} → ${fixed(change.after)}  ${verdict}${change.worse ? '  worse' : ''}`;
    }),
  ];
}

function fixed(value: number | null): string {
  return value === null ? '—' : value.toFixed(4);
}
