/**
 * Small dense linear programs, solved by HiGHS (the `highs` package: HiGHS compiled to WebAssembly) with its dual
 * simplex — the solver scipy.optimize.linprog(method="highs-ds") runs for Fairlearn's ExponentiatedGradient.
 * minimize cᵀx  s.t.  A_ub x ≤ b_ub,  A_eq x = b_eq,  lower ≤ x ≤ upper (default 0 ≤ x).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

type Highs = Awaited<ReturnType<typeof import('highs').default>>;

let loading: Promise<Highs> | undefined;

/** highs.wasm beside the bundle (dist/wasm, copied by esbuild.mjs), else the package's own. */
function locateWasm(file: string): string {
  const besideBundle = path.join(__dirname, 'wasm', file);
  if (existsSync(besideBundle)) return besideBundle;
  return path.join(path.dirname(require.resolve('highs')), file);
}

function highs(): Promise<Highs> {
  loading ??= (require('highs') as typeof import('highs').default)({ locateFile: locateWasm });
  return loading;
}

export interface LinearProgram {
  c: readonly number[];
  aUb?: readonly (readonly number[])[];
  bUb?: readonly number[];
  aEq?: readonly (readonly number[])[];
  bEq?: readonly number[];
  /** Per variable; default [0, +∞). null = unbounded on that side. */
  bounds?: ReadonlyArray<readonly [number | null, number | null]>;
}

export class LinearProgramError extends Error {
  override readonly name = 'LinearProgramError';
}

/** The optimal x; throws when HiGHS does not report an optimum (infeasible, unbounded). */
export async function solveLinearProgram(program: LinearProgram): Promise<Float64Array> {
  const solver = await highs();
  const n = program.c.length;
  const rows = [...(program.aUb ?? []), ...(program.aEq ?? [])];
  const rowUpper = [...(program.bUb ?? []), ...(program.bEq ?? [])];
  const rowLower = [...(program.bUb ?? []).map(() => -solver.infinity), ...(program.bEq ?? [])];
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((value, j) => {
      if (value === 0) return;
      indices.push(j);
      values.push(value);
    });
    starts.push(indices.length);
  }
  const bounds = program.bounds ?? Array.from({ length: n }, () => [0, null] as const);
  const model = solver.createModel({
    numCols: n,
    numRows: rows.length,
    colCost: [...program.c],
    colLower: bounds.map(([low]) => low ?? -solver.infinity),
    colUpper: bounds.map(([, high]) => high ?? solver.infinity),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: rows.length, numCols: n, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, solver: 'simplex', simplex_strategy: 1 });
    model.run();
    const status = model.getModelStatus();
    if (status !== solver.constants.modelStatus.optimal) {
      throw new LinearProgramError(`the linear program has no optimum (HiGHS model status ${String(status)})`);
    }
    return Float64Array.from(model.getSolution().colValue);
  } finally {
    model.dispose();
  }
}
