/**
 * Detector speed: the prefilter per ordinary cell, detectSensitiveData on a mix of cells, and secretlint's
 * preset driven synchronously (what the detectors do) against `@secretlint/core`'s async `lintSource`.
 * Run alone with `npx tsx test/bench/detectors.ts`; each measurement takes about half a second.
 */
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { detectSensitiveData, mightContainSensitiveData } from '../../src/engine/detectors/index';
import { runSecretlintRules } from '../../src/engine/detectors/secret/secretlint-rules';
import { ALL_FIXTURES } from '../unit/detectors/fixtures';

/** Cells of an ordinary tabular dataset: names, categories, small numbers, dates, short text. */
const TYPICAL_CELLS = [
  'Alice',
  'Smith',
  'F',
  '34',
  'yes',
  'Engineering',
  '72000',
  '2024-01-15',
  'Berlin',
  'blue',
  '0.875',
  'The product arrived on time.',
  'N/A',
  'premium',
  '12',
  'true',
  'Jean-Pierre',
  'Q3',
  '4.5',
  'approved',
];

const MIXED_CELLS = [...TYPICAL_CELLS, ...ALL_FIXTURES.map((fixture) => fixture.value)];

/**
 * Values with a '+' before a digit run that is no phone number (no calling code starts it: `+0…`, `+28…`,
 * `+801…`) and no phone word: log lines, scores, offsets. All different, more of them than the phone detector
 * remembers libphonenumber verdicts for, so each one is a verdict to find, not to look up.
 */
const PLUS_NOT_PHONE_CELLS = Array.from({ length: 10_000 }, (_, i) => {
  const digits = String(1_000_000 + i * 7919).slice(-7);
  return [`offset +0 ${digits.slice(0, 3)} ${digits.slice(3)}`, `score +28 ${digits}`, `delta +801-${digits}`][i % 3]!;
});

/** Five batches of about 100 ms each; the fastest is reported, since the CPU is shared and slower batches measure the neighbours. */
const BATCHES = 5;
const BATCH_MS = 100;

/** Runs `work` over `cells` in rounds for each batch; returns the best batch's ns per cell. */
function nsPerCell(cells: readonly string[], work: (cell: string) => unknown): number {
  for (const cell of cells) work(cell); // warm up
  let best = Infinity;
  for (let batch = 0; batch < BATCHES; batch++) {
    let rounds = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < BigInt(BATCH_MS) * 1_000_000n) {
      for (const cell of cells) work(cell);
      rounds++;
      elapsed = process.hrtime.bigint() - start;
    }
    best = Math.min(best, Number(elapsed) / (rounds * cells.length));
  }
  return best;
}

async function nsPerCellAsync(cells: readonly string[], work: (cell: string) => Promise<unknown>): Promise<number> {
  for (const cell of cells) await work(cell);
  let best = Infinity;
  for (let batch = 0; batch < BATCHES; batch++) {
    let rounds = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < BigInt(BATCH_MS) * 1_000_000n) {
      for (const cell of cells) await work(cell);
      rounds++;
      elapsed = process.hrtime.bigint() - start;
    }
    best = Math.min(best, Number(elapsed) / (rounds * cells.length));
  }
  return best;
}

const lintConfig = { rules: [{ id: recommendedPreset.meta.id, rule: recommendedPreset }] };

function lintOneValue(value: string) {
  return lintSource({
    source: { content: value, filePath: 'value.txt', ext: '.txt', contentType: 'text' },
    options: { config: lintConfig, noPhysicFilePath: true },
  });
}

export async function run(): Promise<Array<Record<string, string | number>>> {
  const secretCells = MIXED_CELLS.filter(mightContainSensitiveData);
  const prefilter = nsPerCell(TYPICAL_CELLS, mightContainSensitiveData);
  const detect = nsPerCell(MIXED_CELLS, (cell) => detectSensitiveData(cell, { column: '' }));
  const detectTypical = nsPerCell(TYPICAL_CELLS, (cell) =>
    mightContainSensitiveData(cell) ? detectSensitiveData(cell, { column: '' }) : [],
  );
  const plusNotPhone = nsPerCell(PLUS_NOT_PHONE_CELLS, (cell) => detectSensitiveData(cell, { column: 'notes' }));
  const secretlintSync = nsPerCell(secretCells, (cell) => runSecretlintRules(cell));
  const secretlintUngated = nsPerCell(secretCells, (cell) => runSecretlintRules(cell, false));
  const secretlintAsync = await nsPerCellAsync(secretCells, lintOneValue);
  return [
    {
      measure: 'mightContainSensitiveData, typical cells',
      cells: TYPICAL_CELLS.length,
      'ns/cell': round(prefilter),
      'values/s': perSecond(prefilter),
    },
    {
      measure: 'prefilter + detect, typical cells',
      cells: TYPICAL_CELLS.length,
      'ns/cell': round(detectTypical),
      'values/s': perSecond(detectTypical),
    },
    {
      measure: `detectSensitiveData, mixed cells (${ALL_FIXTURES.length} with PII/secrets)`,
      cells: MIXED_CELLS.length,
      'ns/cell': round(detect),
      'values/s': perSecond(detect),
    },
    {
      measure: "detectSensitiveData, '+' and 7 digits but no calling code (all different)",
      cells: PLUS_NOT_PHONE_CELLS.length,
      'ns/cell': round(plusNotPhone),
      'values/s': perSecond(plusNotPhone),
    },
    {
      measure: 'secretlint preset driven synchronously, keyword-gated',
      cells: secretCells.length,
      'ns/cell': round(secretlintSync),
      'values/s': perSecond(secretlintSync),
    },
    {
      measure: 'secretlint preset driven synchronously, every rule',
      cells: secretCells.length,
      'ns/cell': round(secretlintUngated),
      'values/s': perSecond(secretlintUngated),
    },
    {
      measure: 'secretlint lintSource (async, @secretlint/core)',
      cells: secretCells.length,
      'ns/cell': round(secretlintAsync),
      'values/s': perSecond(secretlintAsync),
    },
  ];
}

function round(ns: number): number {
  return ns < 100 ? Math.round(ns * 10) / 10 : Math.round(ns);
}

function perSecond(ns: number): number {
  return Math.round(1e9 / ns);
}

if (require.main === module) {
  void run().then((rows) => console.table(rows));
}
