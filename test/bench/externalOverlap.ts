/**
 * `npx tsx test/bench/externalOverlap.ts [--drop]`: how many rows of the external training data
 * (test/fixtures/prompts/corpus/external/) repeat a row of a held-out measure — both external yardsticks, the
 * generated holdout split, holdout3 and the hand-written holdout — exactly (case-folded) or nearly (token-set Jaccard ≥ 0.8).
 * Files under external/experiments/ (rows tried and not shipped) are checked too. Counts only, plus the ids
 * (`file:line`) of the external rows that overlap: no row of a yardstick is ever printed. `--drop` rewrites the
 * external files without those rows.
 * It lives in test/bench because it reads the yardsticks, which nothing under src/, test/unit/ or the corpus build
 * may read; the committed external files are its output, so the training script never needs the yardsticks.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadYardstick, YARDSTICKS } from './yardstick';

const CORPUS = path.resolve(__dirname, '../fixtures/prompts/corpus');
export const EXTERNAL_DIR = path.join(CORPUS, 'external');
const EXPERIMENTS_DIR = path.join(EXTERNAL_DIR, 'experiments');
const NEAR = 0.8;

function readJsonl(file: string): Array<{ text: string }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as { text: string });
}

export function tokenSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Measure {
  name: string;
  exact: Set<string>;
  sets: Array<Set<string>>;
}

function measure(name: string, texts: readonly string[]): Measure {
  return { name, exact: new Set(texts.map((text) => text.toLowerCase().trim())), sets: texts.map(tokenSet) };
}

function overlaps(text: string, against: Measure): 'exact' | 'near' | undefined {
  if (against.exact.has(text.toLowerCase().trim())) return 'exact';
  const tokens = tokenSet(text);
  return against.sets.some((other) => jaccard(tokens, other) >= NEAR) ? 'near' : undefined;
}

function main(): void {
  const drop = process.argv.includes('--drop');
  const measures: Measure[] = [
    ...YARDSTICKS.map(({ name, dir }) =>
      measure(
        name,
        [...loadYardstick(dir).values()].flat().map((row) => row.text),
      ),
    ),
    measure(
      'generated holdout',
      readJsonl(path.join(CORPUS, 'generated/holdout.jsonl')).map((row) => row.text),
    ),
    measure(
      'holdout3',
      readJsonl(path.join(CORPUS, 'generated/holdout3.jsonl')).map((row) => row.text),
    ),
    measure(
      'hand-written holdout',
      readJsonl(path.join(CORPUS, 'holdout.jsonl')).map((row) => row.text),
    ),
  ];
  const table: Array<Record<string, string | number>> = [];
  const overlapping: string[] = [];
  const jsonlIn = (dir: string, prefix: string) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => ({ file: `${prefix}${name}`, full: path.join(dir, name) }));
  for (const { file, full } of [...jsonlIn(EXTERNAL_DIR, ''), ...jsonlIn(EXPERIMENTS_DIR, 'experiments/')]) {
    const lines = readFileSync(full, 'utf8')
      .split('\n')
      .filter((line) => line.trim());
    const keep: string[] = [];
    const counts: Record<string, string | number> = { file, rows: lines.length };
    lines.forEach((line, index) => {
      const { text } = JSON.parse(line) as { text: string };
      let clean = true;
      for (const against of measures) {
        const kind = overlaps(text, against);
        if (!kind) continue;
        clean = false;
        const key = `${against.name} (${kind})`;
        counts[key] = Number(counts[key] ?? 0) + 1;
      }
      if (clean) keep.push(line);
      // The external row's id only (its file and line), never the held-out row it repeats.
      else overlapping.push(`${file}:${index + 1}`);
    });
    counts.kept = keep.length;
    table.push(counts);
    if (drop && keep.length < lines.length) writeFileSync(full, `${keep.join('\n')}\n`);
  }
  console.table(table);
  if (overlapping.length > 0) console.log(`external rows that overlap (file:line): ${overlapping.join(', ')}`);
  if (!drop && table.some((row) => row.kept !== row.rows)) process.exitCode = 1;
}

if (require.main === module) main();
