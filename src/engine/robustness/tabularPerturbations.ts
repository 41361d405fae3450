/**
 * Perturbations of table rows for the robustness suite: measurement noise on numbers, a category recorded as
 * another, and a value left out — the noise every tabular model meets in production (as in Deepchecks' and the
 * Adversarial Robustness Toolbox's noise tests). Each reads the run's own encoding (the training split's means,
 * deviations and categories), so a perturbed value is one the model could have been shown, and each is seeded.
 */
import { parseNumeric, type Random, type TabularEncoding } from '../training';

export const TABULAR_PERTURBATIONS = ['noise', 'categories', 'missing'] as const;
export type TabularPerturbationName = (typeof TABULAR_PERTURBATIONS)[number];

/** Share of a row's cells each perturbation touches (noise touches every number). */
const CELL_RATE = 0.1;
/** Noise: a normal draw of this share of the column's training standard deviation. */
const NOISE_SCALE = 0.1;

export const TABULAR_PERTURBATION_DESCRIPTIONS: Record<TabularPerturbationName, string> = {
  noise: `every number gets Gaussian noise of ${NOISE_SCALE} × its column's training standard deviation`,
  categories: `${100 * CELL_RATE} % of categorical values become another category seen in training`,
  missing: `${100 * CELL_RATE} % of feature values are left empty (the model's missing-value path)`,
};

export type TableRow = Readonly<Record<string, string>>;

/** Applies one perturbation to one row; the row itself when nothing changed. */
export function perturbRow(
  name: TabularPerturbationName,
  row: TableRow,
  encoding: TabularEncoding,
  random: Random,
): TableRow {
  const changed: Record<string, string> = {};
  for (const column of encoding.columns) {
    const value = row[column.column] ?? '';
    const next = perturbCell(name, value, column, random);
    if (next !== value) changed[column.column] = next;
  }
  return Object.keys(changed).length === 0 ? row : { ...row, ...changed };
}

function perturbCell(
  name: TabularPerturbationName,
  value: string,
  column: TabularEncoding['columns'][number],
  random: Random,
): string {
  switch (name) {
    case 'noise': {
      if (column.kind !== 'numeric') return value;
      const number = parseNumeric(value);
      return number === undefined ? value : String(number + NOISE_SCALE * column.std * gaussian(random));
    }
    case 'categories': {
      if (column.kind !== 'categorical' || random() >= CELL_RATE) return value;
      const others = column.categories.filter((category) => category !== value.trim());
      return others.length === 0 ? value : others[Math.floor(random() * others.length)]!;
    }
    case 'missing':
      return value.trim() !== '' && random() < CELL_RATE ? '' : value;
  }
}

/** A standard normal draw (Box–Muller) from the seeded uniform source. */
function gaussian(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
