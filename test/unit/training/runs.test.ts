import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  removeStaleTemporaries,
  writeDirectoryAtomically,
  writeJsonAtomic,
  writeLinesAtomically,
} from '../../../src/engine/io/atomic';
import { appendMetrics, createRunDir, listRuns, readRun, writeRunStatus } from '../../../src/engine/runs/runDir';
import type { EpochMetrics, RunStatus } from '../../../src/shared/runs';

const epoch = (n: number): EpochMetrics => ({
  epoch: n,
  epochs: 3,
  trainLoss: 1 / n,
  trainAccuracy: 0.5,
  validationLoss: 1 / n,
  validationAccuracy: 0.5,
  seconds: 1,
  examplesPerSecond: 100,
});

const status = (state: RunStatus['state'], extra: Partial<RunStatus> = {}): RunStatus => ({
  state,
  startedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  epochsCompleted: 0,
  epochs: 3,
  ...extra,
});

describe('run directories', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rml-runs-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names a run <UTC timestamp>-<short id>, unique even within one second', async () => {
    const now = new Date('2026-11-23T14:51:23.456Z');
    const first = await createRunDir(root, undefined, now);
    const second = await createRunDir(root, undefined, now);
    assert.match(first.id, /^20261123-145123-[0-9a-f]{6}$/);
    assert.notEqual(first.id, second.id);
    assert.ok(existsSync(first.dir) && existsSync(second.dir));
  });

  it('writes JSON atomically: the file is replaced whole and no temporary file is left', async () => {
    const file = path.join(root, 'report.json');
    await writeJsonAtomic(file, { a: 1 });
    await writeJsonAtomic(file, { a: 2, b: [1, 2] });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { a: 2, b: [1, 2] });
    assert.deepEqual(readdirSync(root), ['report.json']);
  });

  it('publishes a directory only once it is complete, and leaves nothing when filling it fails', async () => {
    const model = path.join(root, 'model');
    await assert.rejects(
      writeDirectoryAtomically(model, async (temp) => {
        writeFileSync(path.join(temp, 'model.json'), '{}');
        assert.equal(existsSync(model), false, 'not visible while being written');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.deepEqual(readdirSync(root), []);
    await writeDirectoryAtomically(model, async (temp) => writeFileSync(path.join(temp, 'model.json'), '{}'));
    assert.deepEqual(readdirSync(root), ['model']);
    assert.deepEqual(readdirSync(model), ['model.json']);
  });

  it('appends one metrics line per epoch and reads them back with the run', async () => {
    const { dir, id } = await createRunDir(root);
    await writeRunStatus(dir, status('running'));
    await appendMetrics(dir, epoch(1));
    await appendMetrics(dir, epoch(2));
    assert.equal(
      readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').split('\n').length,
      3,
      'two lines and a final newline',
    );
    const run = await readRun(dir);
    assert.equal(run.id, id);
    assert.deepEqual(run.metrics, [epoch(1), epoch(2)]);
    assert.equal(run.config, undefined);
    assert.equal(run.hasModel, false);
  });

  it('names the file and line of a malformed metrics line', async () => {
    const { dir } = await createRunDir(root);
    await writeRunStatus(dir, status('completed'));
    writeFileSync(path.join(dir, 'metrics.jsonl'), `${JSON.stringify(epoch(1))}\n{"epoch": 2,\n`);
    await assert.rejects(readRun(dir), (error: Error) =>
      error.message.startsWith(`${path.join(dir, 'metrics.jsonl')}:2: invalid JSON`),
    );
  });

  it('lists runs newest first, skipping directories that are not runs', async () => {
    const older = await createRunDir(root, undefined, new Date('2026-01-01T00:00:00Z'));
    const newer = await createRunDir(root, undefined, new Date('2026-02-01T00:00:00Z'));
    await writeRunStatus(older.dir, status('completed'));
    await writeRunStatus(newer.dir, status('cancelled'));
    mkdirSync(path.join(root, 'notes'));
    const runs = await listRuns(root);
    assert.deepEqual(
      runs.map((run) => [run.id, run.state]),
      [
        [newer.id, 'cancelled'],
        [older.id, 'completed'],
      ],
    );
    assert.deepEqual(await listRuns(path.join(root, 'absent')), []);
  });

  it('shows a run whose process on this host is gone as failed, not running forever', async () => {
    const { dir } = await createRunDir(root);
    await writeRunStatus(dir, status('running', { pid: 2 ** 22 + 12345, host: os.hostname() }));
    const [summary] = await listRuns(root);
    assert.equal(summary?.state, 'failed');
    assert.match(summary?.error ?? '', /ended without finishing/);
    const now = new Date().toISOString();
    await writeRunStatus(
      dir,
      status('running', { pid: process.pid, host: os.hostname(), updatedAt: now, heartbeatAt: now }),
    );
    assert.equal((await readRun(dir)).status.state, 'running');
  });

  it('shows a run as failed when its heartbeat is stale, even if its pid now belongs to another live process', async () => {
    const { dir } = await createRunDir(root);
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    // pid 1 is always alive: a reused pid must not keep a dead run "running" forever.
    await writeRunStatus(dir, status('running', { pid: 1, host: os.hostname(), heartbeatAt: minutesAgo(5) }));
    const stale = await readRun(dir);
    assert.equal(stale.status.state, 'failed');
    assert.match(stale.status.error ?? '', /stopped answering \(no heartbeat since/);
    await writeRunStatus(dir, status('running', { pid: 1, host: os.hostname(), heartbeatAt: minutesAgo(0.1) }));
    assert.equal((await readRun(dir)).status.state, 'running');
  });

  it('creates the folder of a run id chosen earlier, once, and refuses ids that are paths', async () => {
    const { id, dir } = await createRunDir(root, '20261202-101010-abcdef');
    assert.equal(id, '20261202-101010-abcdef');
    assert.equal(dir, path.join(root, id));
    await assert.rejects(createRunDir(root, id), /already exists: a run id is used once/);
    await assert.rejects(createRunDir(root, '../escape'), /not a run id/);
  });
});

describe('atomic writes after a crash', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rml-atomic-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('removes the temporaries a killed process left, and keeps those of a live one', async () => {
    const dead = 2 ** 22 + 4321;
    writeFileSync(path.join(root, `.out.rw.csv.${dead}-0123456789ab.tmp`), 'half a file');
    writeFileSync(path.join(root, '.out.rw.csv.1-0123456789ab.tmp'), 'pid 1 is alive');
    mkdirSync(path.join(root, `.model.${dead}-0123456789ab.tmp`));
    assert.deepEqual(removeStaleTemporaries(root, 'out.rw.csv'), [`.out.rw.csv.${dead}-0123456789ab.tmp`]);
    await writeLinesAtomically(path.join(root, 'out.rw.csv'), async (line) => line('a,b'));
    await writeDirectoryAtomically(path.join(root, 'model'), async (temp) =>
      writeFileSync(path.join(temp, 'model.json'), '{}'),
    );
    assert.deepEqual(readdirSync(root).sort(), ['.out.rw.csv.1-0123456789ab.tmp', 'model', 'out.rw.csv']);
  });
});
