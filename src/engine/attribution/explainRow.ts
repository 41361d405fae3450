import type { Range } from '../../shared/findings';
import { cellValueRange } from '../parse';
import type { RunConfigRecord } from '../../shared/runs';
import { DatasetError } from '../training';
import type { DatasetRow } from './datasetRow';
import { explain, type ExplainOptions, type Explanation, type ScoredUnit } from './explain';
import type { AttributionModel, AttributionUnit, ModelInput } from './model';

/** A scored unit with where it is in the dataset file (0-based LSP range). */
export interface LocatedUnit extends ScoredUnit {
  range: Range;
}

/** An explanation of one dataset row, every unit placed in the file so an editor can reveal it. */
export interface RowExplanation extends Omit<Explanation, 'units'> {
  file: string;
  /** 1-based line and 0-based data row index. */
  line: number;
  row: number;
  units: LocatedUnit[];
}

/** What the model reads from a row (its text cell, or its feature cells), and where each unit sits. */
export function rowInput(
  config: RunConfigRecord,
  model: AttributionModel,
  row: DatasetRow,
): { input: ModelInput; locate: (unit: AttributionUnit) => Range } {
  const byColumn = new Map(row.cells.map((cell) => [cell.column, cell]));
  const recordRange: Range = {
    start: row.cells[0]?.start ?? { line: row.line - 1, character: 0 },
    end: row.cells[0]?.start ?? { line: row.line - 1, character: 0 },
  };
  if (model.kind === 'text') {
    const column = config.columns.text;
    const cell = column === undefined ? undefined : byColumn.get(column);
    if (!cell)
      throw new DatasetError(
        `${row.file}:${row.line}: the row has no '${column ?? '(text)'}' column, which the run's model reads`,
      );
    return { input: { text: cell.value }, locate: (unit) => cellValueRange(cell, unit.start, unit.end) };
  }
  const columns = config.columns.features ?? [];
  const record = Object.fromEntries(columns.map((column) => [column, byColumn.get(column)?.value ?? '']));
  return {
    input: { record },
    locate: (unit) => {
      const cell = unit.column === undefined ? undefined : byColumn.get(unit.column);
      return cell ? { start: cell.start, end: cell.end } : recordRange;
    },
  };
}

/** Explains a dataset row with a run's model. */
export function explainRow(
  config: RunConfigRecord,
  model: AttributionModel,
  row: DatasetRow,
  options: ExplainOptions = {},
): RowExplanation {
  const { input, locate } = rowInput(config, model, row);
  const explanation = explain(model, input, options);
  return {
    ...explanation,
    file: row.file,
    line: row.line,
    row: row.index,
    units: explanation.units.map((unit) => ({ ...unit, range: locate(unit) })),
  };
}
