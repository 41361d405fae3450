import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manyFilesFolder } from '../scan/manyFiles';
import { rml } from './runRml';

/** `rml scan <dir>` hands small files to worker threads from 3 threads on: the report must not change at all. */
describe('rml scan of a folder of many small files', function () {
  // Workers load the scanner from source under tsx here (the bundle is what runs in use).
  this.timeout(120_000);
  let ws: string;
  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'rml-many-files-'));
    manyFilesFolder(ws);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  for (const format of ['json', 'sarif', 'text']) {
    it(`writes the same ${format} report, errors and exit code with --workers 2 and 3 as with --workers 1`, async () => {
      const scan = (workers: number) =>
        rml(ws, 'scan', '.', '--format', format, '--fail-on', 'warning', '--workers', String(workers));
      const one = await scan(1);
      assert.equal(one.code, 2, one.stderr);
      assert.match(one.stderr, /zz\/phones\.csv: Unknown phone number region 'ZZ'/);
      assert.match(one.stderr, /deep\/people\.csv not scanned/);
      assert.ok(one.stdout.includes('row also in splits/test.csv'), 'the leakage finding names the test split');
      for (const workers of [2, 3]) assert.deepEqual(await scan(workers), one, `--workers ${workers}`);
    });
  }
});
