import type { Cell, DataRecord } from '../parse';

/**
 * One analyzer: a set of checks fed by the parser, record by record, in document order.
 * `finish` runs once the whole document has been read (whole-dataset statistics report there).
 */
export interface RecordAnalyzer {
  header?(cells: Cell[]): void;
  record(record: DataRecord): void;
  finish?(): void | Promise<void>;
}

/** Fans the parser's output out to every analyzer. */
export function combineAnalyzers(analyzers: RecordAnalyzer[]): Required<RecordAnalyzer> {
  return {
    header: (cells) => analyzers.forEach((analyzer) => analyzer.header?.(cells)),
    record: (record) => {
      for (const analyzer of analyzers) analyzer.record(record);
    },
    finish: async () => {
      for (const analyzer of analyzers) await analyzer.finish?.();
    },
  };
}
