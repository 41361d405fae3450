import v8 from 'node:v8';

/** V8 majors known to have `--max-inlined-bytecode-size` (Node 16–24): another V8 prints an error for an unknown flag. */
const KNOWN_V8_MAJORS = { from: 9, to: 13 };

/** TurboFan's limit on the bytecode of one function it inlines; V8's default is 460. */
const INLINED_BYTECODE = 100;

/**
 * Files from this size on keep V8's default: compile time is a fixed cost per isolate, so on a long scan the
 * better code of full inlining weighs more (the 1 GB bench table took 3–5 % longer with the flag; 400 MB of free
 * text 3.6 % less).
 */
export const TUNED_BELOW_BYTES = 512 * 1024 * 1024;

let tuned = false;
let allowed = false;

/**
 * Lets `tuneCompilerForScans` set its flag in this process: what `rml scan` does. The language server and the CLI's
 * other commands (training, attribution) keep V8's defaults: the flag is the whole process's, for every later compile.
 */
export function allowCompilerTuning(): void {
  allowed = true;
}

/**
 * Tunes V8's optimising compiler for a scan that starts worker threads (a table or JSONL file of `bytes` in chunks,
 * or many small files: scan.ts, jsonlChunked.ts, fileQueue.ts): the flags are the process's, so the workers'
 * isolates and this one take them.
 *
 * Such a scan runs its per-row code in two isolates on two cores, and each compiles that code again, often several
 * times as its types settle: TurboFan's time, summed from `--trace-opt`, was 0.78 s of a 1.3 s scan of the 100 MB
 * free-text bench table, on V8's helper threads beside the two that scan. Inlining only callees of up to 100 bytes
 * of bytecode halves it (0.39 s), and the code it makes is nearly as fast. Interleaved runs on 2026-12-08 against
 * the build before (ABBA, reports to /dev/null): the free-text table 1.33 → 1.27 s and the 100 MB table 1.01 →
 * 0.95 s (6 pairs each), 400 MB of free text 3.29 → 3.17 s and the 100 MB JSONL 7.32 → 7.20 s (3 pairs each), the
 * 40 MB held-out table 7.36 → 7.39 s (2 pairs, within the noise); but the 1 GB table 5.76 → 6.04 s (3 pairs, and 8
 * of 9 pairs slower in all), hence `TUNED_BELOW_BYTES`. Limits of 50, 70 and 150 did no better; a lower cumulative
 * budget or a higher interrupt budget on top added nothing. Set here and not at start-up: set by `dist/cli.js`
 * before the CLI ran, it made a 2-row scan 0.13 s against 0.12 s (10 pairs); set here, a scan that starts no worker
 * runs as before.
 *
 * Left alone where the user set the flag (NODE_OPTIONS or node's own arguments), on a V8 not known to have it, and
 * unless this process allowed it (`allowCompilerTuning`). Answers whether it set the flag now.
 */
export function tuneCompilerForScans(bytes?: number): boolean {
  if (!allowed || tuned || (bytes !== undefined && bytes >= TUNED_BELOW_BYTES)) return false;
  tuned = true;
  const flag = compilerFlagFor(process.versions.v8, process.execArgv, process.env.NODE_OPTIONS);
  if (flag) v8.setFlagsFromString(flag);
  return flag !== undefined;
}

/** The flag `tuneCompilerForScans` sets on this V8 (`version`) under these node arguments, or undefined for none. */
export function compilerFlagFor(version: string, execArgv: readonly string[], nodeOptions = ''): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (!(major >= KNOWN_V8_MAJORS.from && major <= KNOWN_V8_MAJORS.to)) return undefined;
  if (/--max[-_]inlined[-_]bytecode[-_]size(?![-_])/.test([...execArgv, nodeOptions].join(' '))) return undefined;
  return `--max-inlined-bytecode-size=${INLINED_BYTECODE}`;
}
