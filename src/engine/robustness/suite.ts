/**
 * The perturbation suite: a classifier's accuracy on clean examples (texts, or table rows) and on each perturbation
 * of them, overall and per group, with the drop and how many predictions the perturbation flipped. Model-agnostic:
 * it takes a function from examples to predicted class indices.
 */
import { seededRandom, type Random } from '../training';
import { perturb, PERTURBATIONS, type PerturbationName } from './perturbations';

export interface SuiteInput {
  texts: readonly string[];
  /** Class index of each text. */
  labels: ArrayLike<number>;
  /** Group of each text (sensitive values joined with ','); omitted: no per-group figures. */
  groups?: readonly string[];
  perturbations?: readonly PerturbationName[];
  seed?: number;
  /** Predicted class index of each text, in order. */
  predict(texts: readonly string[]): Promise<ArrayLike<number>> | ArrayLike<number>;
}

export interface GroupAccuracy {
  count: number;
  accuracy: number;
  /** Clean accuracy − perturbed accuracy (perturbations only). */
  drop?: number;
}

export interface PerturbationResult {
  name: PerturbationName;
  accuracy: number;
  drop: number;
  /** Share of texts whose prediction changed. */
  flipRate: number;
  /** Share of texts the perturbation changed at all. */
  changedRate: number;
  byGroup: Record<string, GroupAccuracy>;
  /** The group with the largest drop (when groups are given and one's accuracy dropped). */
  worstGroup?: string;
}

export interface SuiteResult {
  clean: { accuracy: number; byGroup: Record<string, GroupAccuracy> };
  perturbations: PerturbationResult[];
}

function accuracyByGroup(correct: Uint8Array, groups: readonly string[] | undefined): Record<string, GroupAccuracy> {
  if (!groups) return {};
  const tally = new Map<string, { count: number; correct: number }>();
  groups.forEach((group, i) => {
    const entry = tally.get(group) ?? { count: 0, correct: 0 };
    entry.count += 1;
    entry.correct += correct[i]!;
    tally.set(group, entry);
  });
  const names = [...tally.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(
    names.map((name) => [
      name,
      { count: tally.get(name)!.count, accuracy: tally.get(name)!.correct / tally.get(name)!.count },
    ]),
  );
}

const mean = (values: Uint8Array) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * What every suite needs: items (texts or table rows), their class indices and groups, named perturbations of one
 * item, and a model. A perturbation that finds nothing to change returns the item itself, which is how "changed"
 * is counted.
 */
export interface ItemSuite<T, N extends string> {
  items: readonly T[];
  labels: ArrayLike<number>;
  groups?: readonly string[];
  perturbations: readonly N[];
  seed?: number;
  perturb(name: N, item: T, random: Random): T;
  predict(items: readonly T[]): Promise<ArrayLike<number>> | ArrayLike<number>;
}

export interface ItemSuiteResult<N extends string> {
  clean: { accuracy: number; byGroup: Record<string, GroupAccuracy> };
  perturbations: Array<Omit<PerturbationResult, 'name'> & { name: N }>;
}

/** The text suite (perturbations.ts): typos, casing, whitespace, synonyms, identity swaps, invisible characters. */
export async function runPerturbationSuite(input: SuiteInput): Promise<SuiteResult> {
  return runSuite({
    items: input.texts,
    labels: input.labels,
    ...(input.groups ? { groups: input.groups } : {}),
    perturbations: input.perturbations ?? PERTURBATIONS,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    perturb,
    predict: input.predict,
  });
}

export async function runSuite<T, N extends string>(input: ItemSuite<T, N>): Promise<ItemSuiteResult<N>> {
  const n = input.items.length;
  if (n === 0) throw new RangeError('no examples to test');
  if (input.labels.length !== n || (input.groups && input.groups.length !== n))
    throw new RangeError('examples, labels and groups need to be of equal length');
  const cleanPredictions = await input.predict(input.items);
  const cleanCorrect = Uint8Array.from({ length: n }, (_, i) => (cleanPredictions[i] === input.labels[i] ? 1 : 0));
  const clean = { accuracy: mean(cleanCorrect), byGroup: accuracyByGroup(cleanCorrect, input.groups) };
  const perturbations: ItemSuiteResult<N>['perturbations'] = [];
  for (const name of input.perturbations) {
    const random = seededRandom(input.seed ?? 0, `perturb:${name}`);
    const perturbed = input.items.map((item) => input.perturb(name, item, random));
    const predictions = await input.predict(perturbed);
    const correct = Uint8Array.from({ length: n }, (_, i) => (predictions[i] === input.labels[i] ? 1 : 0));
    const flips = Uint8Array.from({ length: n }, (_, i) => (predictions[i] !== cleanPredictions[i] ? 1 : 0));
    const changed = Uint8Array.from({ length: n }, (_, i) => (perturbed[i] !== input.items[i] ? 1 : 0));
    const byGroup = accuracyByGroup(correct, input.groups);
    for (const [group, figures] of Object.entries(byGroup))
      figures.drop = clean.byGroup[group]!.accuracy - figures.accuracy;
    // A group whose accuracy did not drop is no one's worst.
    const worst = Object.entries(byGroup).reduce<[string, number] | undefined>(
      (best, [group, { drop }]) => (drop! > (best?.[1] ?? 0) ? [group, drop!] : best),
      undefined,
    );
    const accuracy = mean(correct);
    perturbations.push({
      name,
      accuracy,
      drop: clean.accuracy - accuracy,
      flipRate: mean(flips),
      changedRate: mean(changed),
      byGroup,
      ...(worst ? { worstGroup: worst[0] } : {}),
    });
  }
  return { clean, perturbations };
}
