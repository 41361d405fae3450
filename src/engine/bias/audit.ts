import type { Range } from '../../shared/findings';
import type { Cell, DataRecord } from '../parse';
import { inferColumnRoles } from './columnRoles';
import { RowFingerprinter, SIGNATURE_BYTES } from './duplicates/fingerprint';
import { RowStore } from './duplicates/rowStore';
import { JointGroupTally, LabelValues } from './groupTally';
import { defaultLexicon } from './identity/lexicon';
import { IdentityTermMatcher } from './identity/termMatcher';
import { IdentityTermTally } from './identity/termTally';
import { ProxyTally } from './proxies';
import { RecentValues } from './recentValues';
import { RowRouter } from './rowRouter';
import type { AuditState } from './auditState';
import { summarizeAudit } from './summary';
import { DEFAULT_LIMITS, DEFAULT_THRESHOLDS, type AuditOptions, type AuditResult } from './types';
import { isMissing, parseNumber } from './values';

/** Receives a dataset's records; `finish` computes the audit. Memory is bounded by groups and terms, plus the duplicate store. */
export interface DatasetAudit {
  /** CSV/TSV header row (its cells give the columns' header ranges). */
  addHeader(cells: Cell[]): void;
  addRecord(record: DataRecord): void;
  /**
   * A split compared for leakage (test, validation); feed it after the audited file. Its rows only go into the
   * duplicate store, read with the audited file's columns.
   */
  companion(file: string): { addHeader(cells: Cell[]): void; addRecord(record: DataRecord): void };
  finish(): AuditResult;
  /**
   * The columns whose cells `addRecord` reads from now on: undefined while the sample is taken (all of them), []
   * when rows are only counted. A scanner that makes cells only where needed asks this.
   */
  columnsRead(): readonly string[] | undefined;
}

/** What `createDatasetAudit` takes: the user's options, and how the result will be read. */
export interface DatasetAuditSetup extends AuditOptions {
  /** Named in the result and its findings. */
  file?: string;
  /**
   * Only findings will be read from the result (a scan), so tallies that can change no finding are skipped: with
   * no sensitive column, proxy tables flag nothing; with no text column either, rows after the sample change no
   * finding (they are only counted). Notes and group tables may then say less than a full audit's.
   */
  findingsOnly?: boolean;
  /**
   * Remember what recent text values gave (fingerprints, identity terms) so a repeated value is worked out once;
   * true unless a test compares the results without it.
   */
  rememberValues?: boolean;
}

let sharedMatcher: IdentityTermMatcher | undefined;

export function createDatasetAudit(options: DatasetAuditSetup = {}): DatasetAudit {
  const file = options.file ?? '';
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const columnRanges = new Map<string, Range>();
  const columnOrder: string[] = [];
  const sample: DataRecord[] = [];
  let sampledCells = 0;
  let state: AuditState | undefined;
  let router: RowRouter | undefined;
  /** Rows after the sample are only counted (see `findingsOnly`). */
  let countOnly = false;
  const fingerprinter = new RowFingerprinter();
  const recentValues = <T>() => new RecentValues<T>(options.rememberValues === false ? 0 : undefined);

  /** A header names the columns; without one (JSON) the sample's cells do. Fields of ragged rows beyond it are not columns. */
  let columnsFromHeader = false;
  const noteColumns = (cells: readonly Cell[]) => {
    for (const cell of cells) {
      if (columnRanges.has(cell.column)) continue;
      if (columnOrder.length >= limits.maxColumns) break;
      columnRanges.set(cell.column, { start: cell.start, end: cell.end });
      columnOrder.push(cell.column);
    }
  };
  const resolve = (): AuditState => {
    if (state) return state;
    const inferred = inferColumnRoles(columnOrder, sample, options);
    const noSensitiveColumn = options.findingsOnly === true && inferred.sensitive.length === 0;
    const roles = noSensitiveColumn ? { ...inferred, proxyCandidates: [] } : inferred;
    const edgesOf = (column: string) => roles.binEdges.get(column);
    state = {
      file,
      options,
      thresholds,
      limits,
      roles,
      columnRanges,
      rows: 0,
      invalidWeights: 0,
      labels: new LabelValues(limits.maxLabelValues),
      joint: new JointGroupTally(roles.sensitive, roles.sensitive.map(edgesOf), limits.maxGroupsPerColumn),
      proxies: new ProxyTally(roles.proxyCandidates, roles.proxyCandidates.map(edgesOf), limits.maxProxyValues),
      terms:
        roles.textColumns.length > 0
          ? new IdentityTermTally(
              (sharedMatcher ??= new IdentityTermMatcher(defaultLexicon())),
              limits.occurrencesPerTerm,
              recentValues(),
            )
          : undefined,
      store: new RowStore(limits.duplicateRows),
      files: [file],
      labelIdByRaw: new Map(),
      storedValues: recentValues(),
      textCells: [],
    };
    router = new RowRouter(roles);
    for (const record of sample.splice(0)) auditRecord(state, router.route(record), record, fingerprinter);
    countOnly = noSensitiveColumn && roles.textColumns.length === 0;
    return state;
  };

  return {
    addHeader: (cells) => {
      noteColumns(cells);
      columnsFromHeader = true;
    },
    addRecord(record) {
      if (record.metadata) return;
      if (!state) {
        if (!columnsFromHeader) noteColumns(record.cells);
        sample.push(record);
        sampledCells += record.cells.length;
        if (sample.length >= limits.sampleRows || sampledCells >= limits.sampleCells) resolve();
        return;
      }
      if (countOnly) state.rows++;
      else if (router) auditRecord(state, router.route(record), record, fingerprinter);
    },
    companion(companionFile) {
      const current = resolve();
      const fileId = current.files.push(companionFile) - 1;
      const companionRouter = router ?? new RowRouter(current.roles);
      return {
        addHeader: () => undefined,
        addRecord: (record) => {
          if (!record.metadata) storeFingerprint(current, companionRouter.route(record), record, fingerprinter, fileId);
        },
      };
    },
    finish: () => summarizeAudit(resolve()),
    columnsRead: () => {
      if (!state) return undefined;
      if (countOnly) return [];
      const { label, weightColumn, sensitive, proxyCandidates, textColumns, keyColumns } = state.roles;
      const read = [label, weightColumn, ...sensitive, ...proxyCandidates, ...textColumns, ...keyColumns];
      return [...new Set(read.filter((column): column is string => column !== null))];
    },
  };
}

function auditRecord(state: AuditState, row: RowRouter, record: DataRecord, fingerprinter: RowFingerprinter): void {
  state.rows++;
  const labelId = labelIdOf(state, row);
  let weight = 1;
  if (row.weight >= 0) {
    const parsed = parseNumber(row.value(row.weight));
    if (parsed === undefined || parsed < 0) state.invalidWeights++;
    else weight = parsed;
  }
  const jointGroup = state.joint.add(row, row.sensitive, labelId, weight);
  if (row.candidates.length > 0) state.proxies.add(row, row.candidates, jointGroup);
  if (state.terms) {
    const text = state.textCells;
    text.length = 0;
    for (const index of row.text) {
      const cell = row.cell(index);
      if (cell) text.push(cell);
    }
    state.terms.addRow(text, record.index, labelId);
  }
  storeFingerprint(state, row, record, fingerprinter, 0, labelId);
}

/** Label values repeat on every row: each raw value's id is worked out once (until the label overflows). */
const REMEMBERED_LABEL_VALUES = 4096;

function labelIdOf(state: AuditState, row: RowRouter): number {
  if (row.label < 0) return -1;
  const value = row.value(row.label);
  const known = state.labelIdByRaw.get(value);
  if (known !== undefined) return known;
  const id = isMissing(value) ? -1 : state.labels.idOf(value.trim());
  // -1 for a value past the limit is not remembered: `idOf` must see it, to note that the label overflowed.
  if ((id >= 0 || isMissing(value)) && state.labelIdByRaw.size < REMEMBERED_LABEL_VALUES)
    state.labelIdByRaw.set(value, id);
  return id;
}

/**
 * Hashes the row's text columns, normalised, into the duplicate store. Tabular rows are not compared: with a few
 * categorical features identical rows are expected, not a defect.
 */
function storeFingerprint(
  state: AuditState,
  row: RowRouter,
  record: DataRecord,
  fingerprinter: RowFingerprinter,
  fileId: number,
  labelId = labelIdOf(state, row),
): void {
  // Once the store turned a row away (past its cap) another fingerprint would change nothing.
  if (row.key.length === 0 || state.store.truncated) return;
  const store = state.store;
  // A one-column key seen before: its hashes and signature are those of the earlier row's slot.
  const single = row.key.length === 1 ? row.value(row.key[0] ?? -1) : undefined;
  const earlier = single === undefined ? undefined : state.storedValues.get(single);
  const wholeRow = state.roles.keyKind === 'row';
  if (earlier === undefined) {
    fingerprinter.begin();
    if (wholeRow) {
      // A row with every feature empty repeats nothing worth reporting.
      if (!row.key.some((index) => row.value(index).trim() !== '')) return;
      for (let n = 0; n < row.key.length; n++) fingerprinter.addValue(row.value(row.key[n] ?? -1));
    } else {
      for (let n = 0; n < row.key.length; n++) fingerprinter.addText(row.value(row.key[n] ?? -1), n > 0);
      if (fingerprinter.length === 0) return;
    }
  }
  const slot = store.allocate();
  if (slot < 0) return;
  if (earlier === undefined) {
    store.hashA[slot] = fingerprinter.exactHashA;
    store.hashB[slot] = fingerprinter.exactHashB;
    // Whole rows are compared exactly: no signature for near duplicates.
    if (!wholeRow) fingerprinter.signatureInto(store.signatures, slot * SIGNATURE_BYTES);
    if (single !== undefined) state.storedValues.set(single, slot);
  } else {
    store.copyFingerprint(earlier, slot);
  }
  store.file[slot] = fileId;
  store.row[slot] = record.index;
  store.label[slot] = labelId;
  store.setRange(slot, record.range);
}
