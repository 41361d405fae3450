/**
 * `npm run bench`: every benchmark of the project, each printing its table. Speed and memory targets live
 * here, never as timed assertions in tests. `npm run bench -- scan audit` runs only those.
 * Each bench module exports `run()`, resolving to a table's rows (or several tables), and can also run alone
 * (`npx tsx test/bench/<name>.ts`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const BENCHES = [
  'parse',
  'detectors',
  'secrets',
  'scan',
  'prompts',
  'audit',
  'evaluation',
  'training',
  'webgpu',
  'webviews',
  'mitigation',
  'attribution',
];

type Row = Record<string, string | number>;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const selected = wanted.length > 0 ? BENCHES.filter((name) => wanted.includes(name)) : BENCHES;
  for (const name of selected) {
    const file = path.join(__dirname, `${name}.ts`);
    if (!existsSync(file)) continue;
    const started = Date.now();
    const module = (await import(file)) as { run(): Promise<Row[] | Row[][]> };
    console.log(`\n## ${name}`);
    const result = await module.run();
    const tables = Array.isArray(result[0]) ? (result as Row[][]) : [result as Row[]];
    for (const table of tables) console.table(table);
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  console.log(
    `\nmachine: ${process.platform} ${process.arch}, Node ${process.version}, ${require('node:os').cpus().length} cores`,
  );
}

void main();
