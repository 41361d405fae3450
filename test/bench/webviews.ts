/**
 * The training-run view: the pure model work per message (view-model reducer, group tables, comparison rows)
 * and, in headless Chromium when /usr/bin/chromium exists, the real page: rendering a snapshot and redrawing
 * one live epoch (Chart.js update of every chart + the epoch table), timed inside the page.
 * Needs the bundle: `node esbuild.mjs` first.
 */
import { existsSync } from 'node:fs';
import type { EpochMetrics, RunRecord } from '../../src/shared/runs';
import { FIXTURE_RUN_IDS, readFixtureRun, runningAfter } from '../unit/webviews/fixtureRuns';
import { launchChromium, openWebview } from '../webview/harness';
import { DARK_MODERN } from '../webview/themes';
import { comparisonRows } from '../../webviews/training/model/comparison';
import { groupingViews } from '../../webviews/training/model/groupTable';
import { applyMessage, EMPTY_VIEW } from '../../webviews/training/model/viewModel';

type Row = Record<string, string | number>;

/** The fixture run stretched to `epochs` epochs, each a copy of a real line with its number changed. */
function longRun(run: RunRecord, epochs: number): RunRecord {
  const metrics: EpochMetrics[] = Array.from({ length: epochs }, (_, index) => ({
    ...(run.metrics[index % run.metrics.length] as EpochMetrics),
    epoch: index + 1,
    epochs,
  }));
  return { ...run, metrics, status: { ...run.status, epochs, epochsCompleted: epochs } };
}

function time(label: string, iterations: number, work: () => void): Row {
  work();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    case: label,
    iterations,
    'total ms': Number(ms.toFixed(1)),
    'per op ms': Number((ms / iterations).toFixed(4)),
  };
}

async function pureRows(biased: RunRecord, reweighed: RunRecord): Promise<Row[]> {
  const long = longRun(biased, 500);
  const liveEpochs = () => {
    let model = applyMessage(EMPTY_VIEW, { type: 'snapshot', run: runningAfter(long, 0) });
    for (const metrics of long.metrics)
      model = applyMessage(model, { type: 'event', event: { kind: 'epoch', runId: long.id, metrics } });
  };
  const report = biased.report?.test;
  if (!report) throw new Error('fixture run has no report');
  return [
    time('reducer: 500 live epochs into a run', 5, liveEpochs),
    time('group tables of a report (3 groupings, 11 groups)', 200, () => groupingViews(report)),
    time('comparison rows of two runs', 200, () => comparisonRows(biased, reweighed)),
  ];
}

async function browserRows(biased: RunRecord, reweighed: RunRecord): Promise<Row[]> {
  if (!existsSync('/usr/bin/chromium'))
    return [
      { case: 'Chromium render', iterations: 0, 'total ms': 'skipped: /usr/bin/chromium missing', 'per op ms': '' },
    ];
  const browser = await launchChromium();
  try {
    const session = await openWebview(browser, 'training');
    await session.applyTheme(DARK_MODERN);
    const timed = async (message: unknown): Promise<number> =>
      (await session.page.evaluate(
        `(() => { const started = performance.now(); window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} })); return performance.now() - started; })()`,
      )) as number;
    const snapshots: number[] = [];
    for (let i = 0; i < 3; i++) snapshots.push(await timed({ type: 'compare', runs: [biased, reweighed] }));
    const long = longRun(biased, 250);
    await timed({ type: 'snapshot', run: runningAfter(long, 150) });
    // The view draws live epochs in an animation frame: time that frame's work between two callbacks around it.
    const drawEpoch = (metrics: EpochMetrics) =>
      session.page.evaluate(`new Promise((resolve) => {
        let started = 0;
        requestAnimationFrame(() => { started = performance.now(); });
        window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify({ type: 'epoch', runId: long.id, metrics })} }));
        requestAnimationFrame(() => resolve(performance.now() - started));
      })`) as Promise<number>;
    const epochs: number[] = [];
    for (const metrics of long.metrics.slice(150, 200)) epochs.push(await drawEpoch(metrics));
    // A burst, as a small model sends them: 50 epochs in one go are drawn once.
    const burst = long.metrics.slice(200).map((metrics) => ({ type: 'epoch', runId: long.id, metrics }));
    const burstMs = (await session.page.evaluate(`new Promise((resolve) => {
      const started = performance.now();
      for (const data of ${JSON.stringify(burst)}) window.dispatchEvent(new MessageEvent('message', { data }));
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    })`)) as number;
    const drawn = await session.page.locator('[data-chart="loss"] canvas').getAttribute('data-points');
    await session.close();
    const row = (label: string, values: number[]): Row => {
      const total = values.reduce((sum, value) => sum + value, 0);
      return {
        case: label,
        iterations: values.length,
        'total ms': Number(total.toFixed(1)),
        'per op ms': Number((total / values.length).toFixed(2)),
      };
    };
    return [
      row('Chromium: render a comparison of two completed runs', snapshots),
      row('Chromium: draw one live epoch (150 → 200 epochs on screen)', epochs),
      {
        case: `Chromium: burst of 50 epochs until drawn (points ${drawn})`,
        iterations: 1,
        'total ms': Number(burstMs.toFixed(1)),
        'per op ms': Number((burstMs / 50).toFixed(2)),
      },
    ];
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<Row[]> {
  const biased = await readFixtureRun(FIXTURE_RUN_IDS.biased);
  const reweighed = await readFixtureRun(FIXTURE_RUN_IDS.reweighed);
  return [...(await pureRows(biased, reweighed)), ...(await browserRows(biased, reweighed))];
}

if (require.main === module) void run().then((rows) => console.table(rows));
