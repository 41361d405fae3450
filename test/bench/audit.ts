/**
 * Dataset audit time and memory on generated CSVs of 100k and 1M rows (written once under test/bench/.data/, which git
 * ignores): four sensitive columns (sex, race, age, religion), a zip-code proxy, income, a free-text comment with
 * identity terms and planted duplicates, and a label. `parse` streams the file through the parser alone; `audit`
 * streams it through the parser into the audit and runs `finish()`. Peak memory is sampled every 10k rows:
 * RSS over the process's RSS before the step, and JS heap + array buffers (what the audit itself holds).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatasetAudit } from '../../src/engine/bias';
import { parseFile } from '../../src/engine/io/readChunks';
import { pick, seededRandom } from './random';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data');
/** Bump when the generator changes, so stale files are not reused. */
const VERSION = 2;
const IDENTITIES = [
  '',
  '',
  '',
  '',
  '',
  'muslim',
  'christian',
  'gay',
  'black',
  'women',
  'old',
  'african american',
  'deaf',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ter',
  'san',
  'po',
  'vel',
  'dra',
  'qui',
  'no',
  'be',
  'ros',
  'tal',
  'fen',
  'gu',
  'ish',
];

/** A vocabulary of 2,000 made-up words, so comments are varied like real ones (not templated). */
function vocabulary(next: () => number): string[] {
  return Array.from({ length: 2000 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SYLLABLES, next)).join(''),
  );
}

function row(id: number, next: () => number, earlier: string[], words: string[]): string {
  const sex = next() < 0.5 ? 'F' : 'M';
  const race = pick(['white', 'white', 'black', 'asian', 'hispanic'], next);
  const age = 18 + Math.floor(next() * 60);
  const religion = pick(['christian', 'muslim', 'jewish', 'hindu', 'none'], next);
  const zip = `6${race === 'black' ? '06' : '07'}${String(Math.floor(next() * 20)).padStart(2, '0')}`;
  const income = Math.round(20000 + next() * 90000);
  const identity = pick(IDENTITIES, next);
  const body = Array.from({ length: 6 + Math.floor(next() * 12) }, () => pick(words, next)).join(' ');
  let comment = `${identity ? `as a ${identity} person I think ` : ''}${body}`;
  // 2 % exact copies of an earlier comment (case changed), 1 % near copies (one word added).
  const copy = next();
  if (copy < 0.02 && earlier.length > 0) comment = pick(earlier, next).toUpperCase();
  else if (copy < 0.03 && earlier.length > 0) comment = `${pick(earlier, next)} ${pick(words, next)}`;
  if (earlier.length < 1000) earlier.push(comment);
  const favourable = next() < (sex === 'M' ? 0.45 : 0.3) * (identity === 'muslim' ? 0.5 : 1);
  return `${id},${sex},${race},${age},${religion},${zip},${income},"${comment}",${favourable ? 1 : 0}\n`;
}

async function generateCsv(file: string, rows: number): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(DATA_DIR, { recursive: true });
  const temporary = `${file}.tmp`;
  const out = createWriteStream(temporary);
  const next = seededRandom(42);
  const words = vocabulary(next);
  const earlier: string[] = [];
  out.write('id,sex,race,age,religion,zip,income,comment,label\n');
  for (let id = 0; id < rows; ) {
    const block: string[] = [];
    for (let k = 0; k < 1000 && id < rows; k++, id++) block.push(row(id, next, earlier, words));
    if (!out.write(block.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(temporary, file);
}

interface Peak {
  rss: number;
  heap: number;
}

function sampler(): { sample(): void; peak: Peak; baseRss: number } {
  const baseRss = process.memoryUsage().rss;
  const peak: Peak = { rss: 0, heap: 0 };
  return {
    baseRss,
    peak,
    sample() {
      const usage = process.memoryUsage();
      peak.rss = Math.max(peak.rss, usage.rss - baseRss);
      peak.heap = Math.max(peak.heap, usage.heapUsed + usage.arrayBuffers);
    },
  };
}

async function timeParse(file: string): Promise<number> {
  const started = performance.now();
  let rows = 0;
  await parseFile(file, 'csv', { record: () => void rows++, issue: () => undefined });
  return (performance.now() - started) / 1000;
}

async function timeAudit(file: string): Promise<{ seconds: number; peak: Peak; rows: number; findings: string }> {
  globalThis.gc?.();
  const memory = sampler();
  const started = performance.now();
  const audit = createDatasetAudit({
    file,
    label: 'label',
    favorable: '1',
    sensitive: ['sex', 'race', 'age', 'religion'],
  });
  let rows = 0;
  await parseFile(file, 'csv', {
    header: (cells) => audit.addHeader(cells),
    record: (record) => {
      audit.addRecord(record);
      if (++rows % 10_000 === 0) memory.sample();
    },
    issue: () => undefined,
  });
  const result = audit.finish();
  memory.sample();
  const seconds = (performance.now() - started) / 1000;
  const terms = result.identityTerms.filter((term) => term.significant).length;
  const proxies = result.proxies
    .filter((proxy) => proxy.flagged)
    .map((proxy) => `${proxy.column}→${proxy.sensitive}`)
    .join(' ');
  const findings = `${terms} terms, proxies ${proxies}, ${result.duplicates.exact} exact + ${result.duplicates.near} near dup`;
  return { seconds, peak: memory.peak, rows: result.rows, findings };
}

export async function run(): Promise<Array<Record<string, string | number>>> {
  const table: Array<Record<string, string | number>> = [];
  for (const rows of [100_000, 1_000_000]) {
    const file = path.join(DATA_DIR, `audit-v${VERSION}-${rows}.csv`);
    await generateCsv(file, rows);
    const parseSeconds = await timeParse(file);
    const audit = await timeAudit(file);
    table.push({
      rows: audit.rows,
      'parse only (s)': Number(parseSeconds.toFixed(2)),
      'parse + audit (s)': Number(audit.seconds.toFixed(2)),
      'rows/s': Math.round(audit.rows / audit.seconds),
      'peak RSS Δ (MB)': Math.round(audit.peak.rss / 1e6),
      'peak heap + buffers (MB)': Math.round(audit.peak.heap / 1e6),
      found: audit.findings,
    });
  }
  return table;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
