import v8 from 'node:v8';

/** V8 majors known to have `--max-inlined-bytecode-size` (Node 16–24): another V8 prints an error for an unknown flag. */
const KNOWN_V8_MAJORS = { from: 9, to: 13 };

/** TurboFan's limit on the bytecode of one function it inlines; V8's default is 460. */
const INLINED_BYTECODE = 100;

/** Files from this size on keep V8's default: compile time is a fixed cost, and a long scan gains from fuller inlining. */
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
 * Tunes V8's optimising compiler for a scan that starts worker threads (a file of `bytes` in chunks: chunkOrder.ts
 * `chunkPool`; or many small files: fileQueue.ts). The flag is the process's, so the workers' isolates take it too.
 *
 * Such a scan compiles its per-row code in two isolates on two cores, several times as its types settle, on V8's
 * helper threads beside the two that scan: 0.78 s of TurboFan time (summed from `--trace-opt`) in a 1.3 s scan of
 * the free-text bench table. Inlining only callees of up to 100 bytes of bytecode halves it, and the code is nearly
 * as fast: the 100 MB tables scan 4–7 % faster; the 1 GB table was 1–5 % slower, hence `TUNED_BELOW_BYTES` (figures
 * in the README, Benchmarks). Set here rather than at start-up, where it cost a 2-row scan 10 ms.
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
