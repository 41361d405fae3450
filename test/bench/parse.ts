/**
 * Parse throughput on generated CSVs (10 MB and 100 MB, written once under test/bench/.data/, which git ignores).
 * `parse only` pushes 1 MiB chunks already in memory through the CSV parser; `parseFile` adds reading and
 * UTF-8 decoding. MB = 10^6 bytes of the file. Peak RSS is the process's high-water mark after the step.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFile, readTextChunks } from '../../src/engine/parse/readFile';
import { createCsvParser } from '../../src/engine/parse/csv';
import type { RecordSink } from '../../src/engine/parse/types';
import { pick, seededRandom } from './random';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data');
const FIRST = ['Ana', 'Björn', 'Chloé', 'Dmitri', 'Eve', 'Fatima', 'Grace', 'Hiro', 'Ines', 'José'];
const CITY = ['Lisbon', 'Zürich', 'São Paulo', 'Kraków', 'Austin', 'Osaka', 'Lagos', 'Pune'];
const COMMENTS = [
  'fine',
  '"Great product, would buy again"',
  '"She said ""call me"" at 555-0100"',
  '"two\r\nlines"',
  'no issues reported',
  '"emoji 😀 and, comma"',
];

async function generateCsv(file: string, bytes: number): Promise<void> {
  if (existsSync(file) && statSync(file).size >= bytes) return;
  mkdirSync(DATA_DIR, { recursive: true });
  const temporary = `${file}.tmp`;
  const out = createWriteStream(temporary);
  const next = seededRandom(42);
  out.write('id,name,email,city,age,score,comment,signup_date\r\n');
  let written = 0;
  for (let id = 0; written < bytes; id++) {
    const rows: string[] = [];
    for (let k = 0; k < 1000; k++, id++) {
      const name = pick(FIRST, next);
      const email = `${name.toLowerCase()}.${id}@example.com`;
      const age = 18 + Math.floor(next() * 60);
      const score = (next() * 100).toFixed(2);
      const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
      rows.push(
        `${id},${name},${email},${pick(CITY, next)},${age},${score},${pick(COMMENTS, next)},2024-03-${day}\r\n`,
      );
    }
    const block = rows.join('');
    written += Buffer.byteLength(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(temporary, file);
}

function countingSink(): RecordSink & { rows: number; cells: number; issues: number } {
  const sink = {
    rows: 0,
    cells: 0,
    issues: 0,
    record(record: { cells: unknown[] }) {
      sink.rows++;
      sink.cells += record.cells.length;
    },
    issue() {
      sink.issues++;
    },
  };
  return sink;
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Wall and CPU seconds of `work`: on a shared machine CPU time is the steadier figure (it includes GC threads). */
async function timed(work: () => Promise<void> | void): Promise<{ wall: number; cpu: number }> {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (performance.now() - wallStart) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

interface Measured {
  file: string;
  megabytes: number;
  rows: number;
  issues: number;
  time: { wall: number; cpu: number };
}

function tableRow(step: string, m: Measured): Record<string, string | number> {
  return {
    step,
    file: path.basename(m.file),
    'MB/s': Math.round(m.megabytes / m.time.wall),
    'MB/s (CPU time)': Math.round(m.megabytes / m.time.cpu),
    'rows/s': Math.round(m.rows / m.time.wall),
    rows: m.rows,
    issues: m.issues,
    'peak RSS MB': peakRssMb(),
  };
}

/** parseFile: reading, UTF-8 decoding and parsing in 1 MiB chunks, in bounded memory. */
async function streamFile(file: string): Promise<Measured> {
  const sink = countingSink();
  const time = await timed(() => parseFile(file, 'csv', sink));
  return { file, megabytes: statSync(file).size / 1e6, rows: sink.rows, issues: sink.issues, time };
}

/** Parse only: the file's 1 MiB chunks are decoded in memory first, then pushed through the parser. */
async function parseInMemory(file: string): Promise<Measured> {
  const chunks: string[] = [];
  for await (const chunk of readTextChunks(file)) chunks.push(chunk);
  const sink = countingSink();
  const time = await timed(() => {
    const parser = createCsvParser(sink, { delimiter: ',' });
    for (const chunk of chunks) parser.push(chunk);
    parser.end();
  });
  return { file, megabytes: statSync(file).size / 1e6, rows: sink.rows, issues: sink.issues, time };
}

export async function run(): Promise<Array<Record<string, string | number>>> {
  const small = path.join(DATA_DIR, 'parse-10MB.csv');
  const large = path.join(DATA_DIR, 'parse-100MB.csv');
  await generateCsv(small, 10e6);
  await generateCsv(large, 100e6);
  await streamFile(small); // warm-up: let the JIT settle before timing
  // Streaming first: the RSS high-water mark then shows that 100 MB need no more memory than 10 MB.
  const rows = [tableRow('parseFile (read+decode+parse)', await streamFile(small))];
  rows.push(tableRow('parseFile (read+decode+parse)', await streamFile(large)));
  rows.push(tableRow('parse only', await parseInMemory(small)));
  rows.push(tableRow('parse only', await parseInMemory(large)));
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  run().then(console.table, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
