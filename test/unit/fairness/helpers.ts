import { strict as assert } from 'node:assert';

/** The tolerance of /work/shared/notes/reference-values.md unless a row says otherwise. */
export const REFERENCE_TOLERANCE = 1e-6;

export function assertClose(
  actual: number | null | undefined,
  expected: number,
  message = '',
  tolerance = REFERENCE_TOLERANCE,
): void {
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= tolerance,
    `${message}: expected ${expected} ± ${tolerance}, got ${actual}`,
  );
}

/** Asserts every key of `expected` is close in `actual`. */
export function assertAllClose(
  actual: Record<string, number | null | undefined>,
  expected: Record<string, number>,
  message = '',
): void {
  for (const [key, value] of Object.entries(expected)) assertClose(actual[key], value, `${message} ${key}`);
}

/** Fairlearn docs example (`docs/user_guide/assessment/perform_fairness_assessment.rst`). */
export const FAIRLEARN_DOCS = {
  yTrue: [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1],
  yPred: [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0],
  group: ['b', 'b', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'c', 'c'],
};

/** Fairlearn MetricFrame docstring (`fairlearn/metrics/_metric_frame.py`). */
export const METRIC_FRAME_DOCSTRING = {
  yTrue: [1, 1, 1, 1, 1, 0, 0, 1, 1, 0],
  yPred: [0, 1, 1, 1, 1, 0, 0, 0, 1, 1],
  sex: ['Female', 'Female', 'Female', 'Female', 'Female', 'Male', 'Male', 'Male', 'Male', 'Male'],
};

/**
 * Kamiran & Calders 2012 worked example, as AIF360's Reweighing computes it
 * (`aif360/algorithms/preprocessing/reweighing.py`); the reference rounds 2/3 to 0.6667.
 */
export const KAMIRAN_CALDERS = {
  protected: ['1', '1', '1', '1', '1', '0', '0', '0', '0', '0'],
  y: ['1', '1', '1', '1', '0', '0', '0', '1', '0', '1'],
  weights: [0.75, 0.75, 0.75, 0.75, 2, 2 / 3, 2 / 3, 1.5, 2 / 3, 1.5],
};
