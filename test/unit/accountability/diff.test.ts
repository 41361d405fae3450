import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { epsilonRegression } from '../../../src/engine/accountability/diff';
import { fakeIo } from '../cli/fakeIo';
import { BIASED_RUN, fixtureWorkspace, REWEIGHED_RUN } from './workspace';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.org',
    },
  });
}

/** 200 rows, approval independent of sex (no disparity), no personal data. */
function fairRows(): string[] {
  return Array.from({ length: 200 }, (_, i) => `${i},${i % 2 ? 'F' : 'M'},${i % 4 < 2 ? 'yes' : 'no'},note ${i}`);
}

describe('rml diff', () => {
  describe('two runs', () => {
    let root: string;
    before(() => {
      root = fixtureWorkspace();
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('--fail-on-regression exits 1 on a planted regression (the reweighed run, then the biased one) and 0 without', async () => {
      const worse = fakeIo(root);
      assert.equal(
        await runCli(['diff', REWEIGHED_RUN, BIASED_RUN, '--fail-on-regression', '--format', 'json'], worse),
        1,
        worse.err,
      );
      const report = JSON.parse(worse.out);
      const kinds = report.regressions.map((regression: { kind: string }) => regression.kind);
      assert.ok(kinds.includes('new-disparity'));
      assert.ok(
        report.regressions.some((regression: { message: string }) =>
          /^sex: demographicParityRatio 0\.9484 → 0\.4620/.test(regression.message),
        ),
      );
      const same = fakeIo(root);
      assert.equal(await runCli(['diff', BIASED_RUN, BIASED_RUN, '--fail-on-regression'], same), 0, same.out);
      assert.match(same.out, /no regression/);
      // The reweighed run removes the disparity in sex (its age_band figures do get worse: reported as such).
      const better = fakeIo(root);
      await runCli(['diff', BIASED_RUN, REWEIGHED_RUN, '--format', 'json'], better);
      assert.deepEqual(
        JSON.parse(better.out).regressions.filter((regression: { message: string }) =>
          regression.message.startsWith('sex:'),
        ),
        [],
      );
      const informational = fakeIo(root);
      assert.equal(
        await runCli(['diff', REWEIGHED_RUN, BIASED_RUN], informational),
        0,
        'without the flag a regression is reported, not failed',
      );
      // The text lists every disparity compared, with the change of verdict where there is one.
      assert.match(
        informational.out,
        /\n {2}disparities:\n(?: {4}.*\n)* {4}sex demographicParityRatio +0\.9484 → 0\.4620 {2}within-threshold → disparity {2}worse\n/,
      );
    });

    it('counts a larger ε or dropping DP-SGD as a regression', () => {
      assert.equal(epsilonRegression(2, 2), undefined);
      assert.equal(epsilonRegression(2, 1.5), undefined);
      assert.match(epsilonRegression(2, 3)?.message ?? '', /ε 2\.0000 → 3\.0000/);
      assert.match(epsilonRegression(2, undefined)?.message ?? '', /differential privacy dropped/);
    });
  });

  describe('--base REF', () => {
    let repo: string;
    beforeEach(() => {
      repo = mkdtempSync(path.join(os.tmpdir(), 'rml-diff-repo-'));
      git(repo, 'init', '-q', '-b', 'main');
      writeFileSync(
        path.join(repo, '.rml.json'),
        JSON.stringify({ dataset: { label: 'approved', favorable: 'yes', sensitive: ['sex'] } }),
      );
      writeFileSync(path.join(repo, 'loans.csv'), `id,sex,approved,notes\n${fairRows().join('\n')}\n`);
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', 'fair data');
    });
    afterEach(() => rmSync(repo, { recursive: true, force: true }));

    it('exits 0 when the working tree adds no finding and no disparity', async () => {
      const io = fakeIo(repo);
      assert.equal(
        await runCli(['diff', '--base', 'main', '--fail-on-regression', '--format', 'json'], io),
        0,
        io.out + io.err,
      );
      const report = JSON.parse(io.out);
      assert.deepEqual([report.newFindings, report.regressions], [[], []]);
      assert.equal(report.base.commit, git(repo, 'rev-parse', 'HEAD').trim());
    });

    it('exits 1 on new PII and a new disparity in the working tree, and leaves the checkout as it was', async () => {
      const rows = fairRows().map((row, i) => {
        const [id, sex, , note] = row.split(',');
        const approved = sex === 'F' ? (i % 5 === 0 ? 'yes' : 'no') : i % 4 < 3 ? 'yes' : 'no';
        return `${id},${sex},${approved},${i === 7 ? 'call ada.lovelace@mail.co.uk' : note}`;
      });
      writeFileSync(path.join(repo, 'loans.csv'), `id,sex,approved,notes\n${rows.join('\n')}\n`);
      const status = git(repo, 'status', '--porcelain');
      const worktrees = git(repo, 'worktree', 'list');
      const io = fakeIo(repo);
      assert.equal(
        await runCli(['diff', '--base', 'main', '.', '--fail-on-regression', '--format', 'json'], io),
        1,
        io.out + io.err,
      );
      const report = JSON.parse(io.out);
      assert.deepEqual(report.regressions.map((regression: { kind: string }) => regression.kind).sort(), [
        'new-disparity',
        'pii',
      ]);
      assert.ok(
        report.newFindings.some(
          (finding: { code: string; file: string; line: number }) =>
            finding.code === 'pii/email' && finding.file === 'loans.csv' && finding.line === 9,
        ),
      );
      assert.equal(git(repo, 'status', '--porcelain'), status, 'the checkout is unchanged');
      assert.equal(git(repo, 'worktree', 'list'), worktrees, 'no worktree was added');
      assert.ok(readFileSync(path.join(repo, 'loans.csv'), 'utf8').includes('ada.lovelace'));
    });

    it('names a ref that is not a commit', async () => {
      const io = fakeIo(repo);
      assert.equal(await runCli(['diff', '--base', 'no-such-branch'], io), 2);
      assert.match(io.err, /'no-such-branch' is not a commit/);
    });
  });
});
