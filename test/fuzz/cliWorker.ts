/**
 * A child process of `npm run fuzz` that runs `rml scan` (the built dist/cli.js, in-process: no start-up per
 * file) on the files it is sent and answers with the time, the exit code and whether stdout is a valid report.
 * The parent kills it when a file takes too long.
 */
import path from 'node:path';

export interface CliJob {
  id: number;
  file: string;
  format: 'json' | 'sarif';
}

export interface CliOutcome {
  id: number;
  ms: number;
  code: number;
  /** stdout parses as the format asked for (any exit code must leave a complete report, or nothing). */
  validOutput: boolean;
  findings: number;
  stderr: string;
}

type RunCli = (
  argv: string[],
  io: { stdout(text: string): void; stderr(text: string): void; cwd: string },
) => Promise<number>;

const { runCli } = require(path.resolve(__dirname, '../../dist/cli.js')) as { runCli: RunCli };

function countFindings(stdout: string, format: CliJob['format']): number {
  const report = JSON.parse(stdout) as { findings?: unknown[]; runs?: Array<{ results: unknown[] }> };
  const findings = format === 'json' ? report.findings : report.runs?.[0]?.results;
  if (!Array.isArray(findings)) throw new Error('no findings array');
  return findings.length;
}

process.on('message', (job: CliJob) => {
  void (async () => {
    let stdout = '';
    let stderr = '';
    const started = process.hrtime.bigint();
    const code = await runCli(['scan', job.file, '--format', job.format, '--fail-on', 'none'], {
      cwd: path.dirname(job.file),
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Nothing on stdout is fine only for an error before the report began (exit 2).
    let validOutput = stdout === '' && code === 2;
    let findings = 0;
    try {
      if (stdout !== '') {
        findings = countFindings(stdout, job.format);
        validOutput = true;
      }
    } catch {
      validOutput = false;
    }
    const outcome: CliOutcome = { id: job.id, ms, code, validOutput, findings, stderr: stderr.slice(0, 500) };
    process.send?.(outcome);
  })();
});
