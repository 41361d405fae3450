/**
 * The perturbation suite: a text classifier's accuracy on clean texts and on each perturbation of them, overall and
 * per group, with the drop and how many predictions the perturbation flipped. Model-agnostic: it takes a function
 * from texts to predicted class indices.
 */
import { seededRandom } from '../training';
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
  /** The group with the largest drop (when groups are given). */
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

export async function runPerturbationSuite(input: SuiteInput): Promise<SuiteResult> {
  const n = input.texts.length;
  if (n === 0) throw new RangeError('no texts to test');
  if (input.labels.length !== n || (input.groups && input.groups.length !== n))
    throw new RangeError('texts, labels and groups need to be of equal length');
  const cleanPredictions = await input.predict(input.texts);
  const cleanCorrect = Uint8Array.from({ length: n }, (_, i) => (cleanPredictions[i] === input.labels[i] ? 1 : 0));
  const clean = { accuracy: mean(cleanCorrect), byGroup: accuracyByGroup(cleanCorrect, input.groups) };
  const perturbations: PerturbationResult[] = [];
  for (const name of input.perturbations ?? PERTURBATIONS) {
    const random = seededRandom(input.seed ?? 0, `perturb:${name}`);
    const perturbed = input.texts.map((text) => perturb(name, text, random));
    const predictions = await input.predict(perturbed);
    const correct = Uint8Array.from({ length: n }, (_, i) => (predictions[i] === input.labels[i] ? 1 : 0));
    const flips = Uint8Array.from({ length: n }, (_, i) => (predictions[i] !== cleanPredictions[i] ? 1 : 0));
    const changed = Uint8Array.from({ length: n }, (_, i) => (perturbed[i] !== input.texts[i] ? 1 : 0));
    const byGroup = accuracyByGroup(correct, input.groups);
    for (const [group, figures] of Object.entries(byGroup))
      figures.drop = clean.byGroup[group]!.accuracy - figures.accuracy;
    const worst = Object.entries(byGroup).reduce<[string, number] | undefined>(
      (best, [group, { drop }]) => (best === undefined || drop! > best[1] ? [group, drop!] : best),
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
