import { strict as assert } from 'node:assert';
import path from 'node:path';
import { AnalysisPool } from '../../../src/server/analysis/analysisPool';

const SPINNING = path.join(__dirname, 'fixtures/spinningAnalysisWorker.js');
const request = { file: 'x', relativePath: 'x', format: 'text' as const, config: {} };

describe('analysis workers with a time budget per document', function () {
  this.timeout(20_000);
  let pool: AnalysisPool;
  const logs: string[] = [];
  beforeEach(() => {
    pool = new AnalysisPool({ script: SPINNING, size: 1, log: (line) => logs.push(line) });
  });
  afterEach(() => pool.dispose());

  it('stops a document that runs past its budget, and the documents queued with it still get analysed', async () => {
    const started = Date.now();
    const spinning = pool.analyse('file:///a.prompt', 'spin', request, 500);
    const beside = pool.analyse('file:///b.prompt', 'fine', request, 5_000);
    // The server's thread is free meanwhile: timers fire, requests are answered.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    assert.deepEqual(await spinning, { state: 'timed-out', seconds: 0.5 });
    clearInterval(ticker);
    assert.ok(Date.now() - started < 3_000, 'stopped near its budget');
    assert.ok(ticks >= 5, `the server thread kept running (${ticks} ticks)`);
    assert.deepEqual(await beside, { state: 'done', findings: [{ code: 'ok/fine' }] });
    assert.match(logs.join('\n'), /file:\/\/\/a\.prompt ran past 0\.5 s/);
    assert.deepEqual(
      await pool.analyse('file:///c.prompt', 'later', request, 5_000),
      { state: 'done', findings: [{ code: 'ok/later' }] },
      'a fresh worker took over',
    );
  });
});
