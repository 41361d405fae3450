import seedrandom from 'seedrandom';

/** A seeded generator of floats in [0, 1): the same seed gives the same split and the same shuffles everywhere. */
export type Random = () => number;

export function seededRandom(seed: number, stream: string): Random {
  return seedrandom.alea(`${seed}:${stream}`);
}

/** Fisher–Yates in place. */
export function shuffleInPlace(values: Int32Array, random: Random): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = values[i]!;
    values[i] = values[j]!;
    values[j] = swap;
  }
  return values;
}

export interface SplitRows {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/**
 * Stratified split: each class is shuffled and cut by the ratios, so every split keeps the class balance
 * (scikit-learn's `train_test_split(stratify=y)` idea). A class with at least three examples puts one in each split.
 * Rows come back in shuffled order.
 */
export function stratifiedSplit(
  labels: Int32Array,
  ratios: { train: number; validation: number; test: number },
  seed: number,
): SplitRows {
  const random = seededRandom(seed, 'split');
  const total = ratios.train + ratios.validation + ratios.test;
  const byClass = new Map<number, number[]>();
  labels.forEach((label, row) => {
    const rows = byClass.get(label);
    if (rows) rows.push(row);
    else byClass.set(label, [row]);
  });
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = shuffleInPlace(Int32Array.from(byClass.get(label) ?? []), random);
    const [validationCount, testCount] = cutSizes(rows.length, ratios.validation / total, ratios.test / total);
    rows.forEach((row, i) => (i < testCount ? test : i < testCount + validationCount ? validation : train).push(row));
  }
  return {
    train: shuffleInPlace(Int32Array.from(train), random),
    validation: shuffleInPlace(Int32Array.from(validation), random),
    test: shuffleInPlace(Int32Array.from(test), random),
  };
}

function cutSizes(count: number, validationShare: number, testShare: number): [number, number] {
  const atLeastOne = (share: number) => (share > 0 && count >= 3 ? 1 : 0);
  const validation = Math.max(atLeastOne(validationShare), Math.round(count * validationShare));
  const test = Math.max(atLeastOne(testShare), Math.round(count * testShare));
  return [validation, Math.min(test, Math.max(0, count - validation - 1))];
}
