import { visit, type JSONPath } from 'jsonc-parser';
import type { Position } from '../../shared/findings';
import { DEFAULT_MAX_COLUMNS, tooManyColumnsIssue } from './issues';
import { ColumnNumbering, jsonErrorMessage, keyPath, leafCell, STRICT_JSON } from './jsonLeaves';
import { LineIndex } from './positions';
import type { Cell, RecordSink } from './types';

/** Where the records of a JSON document are. */
export type JsonRecordsShape = { kind: 'array' } | { kind: 'property'; name: string } | { kind: 'document' };

const MAX_ISSUES = 100;

/**
 * Record shape of a document: a root array holds the records; a root object with exactly one array-valued
 * property (`{"data": [...], "meta": {...}}`) holds them in that array; anything else is one record.
 * Reads only the root level: nested values are skipped.
 */
export function jsonRecordsShape(text: string): JsonRecordsShape {
  let depth = 0;
  let root: 'object' | 'array' | undefined;
  let property: string | undefined;
  const arrayProperties: string[] = [];
  const enter = (isArray: boolean): boolean => {
    depth++;
    if (depth === 1) root = isArray ? 'array' : 'object';
    else if (depth === 2 && isArray && property !== undefined) arrayProperties.push(property);
    return depth === 1 && !isArray;
  };
  visit(
    text,
    {
      onObjectBegin: () => enter(false),
      onArrayBegin: () => enter(true),
      onObjectEnd: () => void depth--,
      onArrayEnd: () => void depth--,
      onObjectProperty: (name) => {
        if (depth === 1) property = name;
      },
    },
    STRICT_JSON,
  );
  if (root === 'array') return { kind: 'array' };
  const [only, ...others] = arrayProperties;
  if (root === 'object' && only !== undefined && others.length === 0) return { kind: 'property', name: only };
  return { kind: 'document' };
}

interface OpenRecord {
  start: Position;
  cells: Cell[];
  depth: number;
  broken: boolean;
}

/**
 * Follows jsonc-parser's visit of a document and cuts it into records: each element of the records array is
 * one (dropped if it holds a syntax error, which is reported); leaves outside it are gathered apart.
 */
class JsonRecordSplitter {
  /** Leaves outside the records array. */
  readonly outside: Cell[] = [];
  recordCount = 0;
  private readonly columns = new ColumnNumbering();
  private readonly containerDepth: number;
  private depth = 0;
  private inContainer = false;
  private open: OpenRecord | undefined;
  private issues = 0;
  private lastErrorOffset = -1;
  private tooWideReported = false;

  constructor(
    private readonly text: string,
    private readonly shape: JsonRecordsShape,
    private readonly sink: RecordSink,
  ) {
    this.containerDepth = shape.kind === 'array' ? 1 : 2;
  }

  begin(isArray: boolean, line: number, character: number, path: JSONPath): void {
    if (this.atElement()) this.open = { start: { line, character }, cells: [], depth: this.depth, broken: false };
    else if (isArray && !this.inContainer && this.isContainer(path)) this.inContainer = true;
    this.depth++;
  }

  close(isArray: boolean, line: number, character: number): void {
    this.depth--;
    if (this.open && this.depth === this.open.depth) {
      this.finish(this.open, { line, character: character + 1 });
      this.open = undefined;
    } else if (this.inContainer && isArray && this.depth === this.containerDepth - 1) {
      this.inContainer = false;
    }
  }

  leaf(value: unknown, offset: number, length: number, line: number, character: number, path: JSONPath): void {
    const isElement = this.atElement();
    const cells = isElement ? [] : this.open ? this.open.cells : this.outside;
    if (cells.length >= DEFAULT_MAX_COLUMNS) return this.reportTooWide(line, character);
    const column = keyPath(path, this.open || isElement ? this.containerDepth : 0);
    const cell = leafCell(value, this.text, offset, length, line, character, column, this.columns.indexOf(column));
    if (cell) cells.push(cell);
    if (isElement)
      this.finish(
        { start: { line, character }, cells, depth: this.depth, broken: false },
        { line, character: character + length },
      );
  }

  error(code: number, offset: number, length: number, line: number, character: number): void {
    if (this.open) this.open.broken = true;
    // jsonc-parser may report two errors for one token (e.g. a trailing comma): keep the first.
    if (offset === this.lastErrorOffset || this.issues++ >= MAX_ISSUES) return;
    this.lastErrorOffset = offset;
    this.sink.issue({
      message: jsonErrorMessage(code, this.text, offset, 'end of file expected'),
      range: { start: { line, character }, end: { line, character: character + length } },
    });
  }

  private reportTooWide(line: number, character: number): void {
    if (this.tooWideReported) return;
    this.tooWideReported = true;
    this.sink.issue(tooManyColumnsIssue(line, character, DEFAULT_MAX_COLUMNS));
  }

  /** The next value is an element of the records array. */
  private atElement(): boolean {
    return this.inContainer && this.depth === this.containerDepth && !this.open;
  }

  private isContainer(path: JSONPath): boolean {
    if (this.shape.kind === 'array') return this.depth === 0;
    return this.shape.kind === 'property' && this.depth === 1 && path.length === 1 && path[0] === this.shape.name;
  }

  private finish(record: OpenRecord, end: Position): void {
    if (record.broken) return;
    this.sink.record({ index: this.recordCount++, cells: record.cells, range: { start: record.start, end } });
  }
}

/** Splits a whole document into records following its shape, reporting syntax errors at their positions. */
export function emitJsonRecords(text: string, sink: RecordSink): void {
  const shape = jsonRecordsShape(text);
  const splitter = new JsonRecordSplitter(text, shape, sink);
  visit(
    text,
    {
      onObjectBegin: (_o, _l, line, character, path) => splitter.begin(false, line, character, path()),
      onArrayBegin: (_o, _l, line, character, path) => splitter.begin(true, line, character, path()),
      onObjectEnd: (_o, _l, line, character) => splitter.close(false, line, character),
      onArrayEnd: (_o, _l, line, character) => splitter.close(true, line, character),
      onLiteralValue: (value, offset, length, line, character, path) =>
        splitter.leaf(value, offset, length, line, character, path()),
      onError: (code, offset, length, line, character) => splitter.error(code, offset, length, line, character),
    },
    STRICT_JSON,
  );
  emitOutsideLeaves(text, shape, splitter.outside, splitter.recordCount, sink);
}

/** Leaves outside the records array: the whole record of a `document`, else one trailing metadata record. */
function emitOutsideLeaves(
  text: string,
  shape: JsonRecordsShape,
  cells: Cell[],
  index: number,
  sink: RecordSink,
): void {
  if (cells.length === 0) return;
  const lines = new LineIndex(text);
  const start = lines.positionAt(text.length - text.trimStart().length);
  const end = lines.positionAt(text.trimEnd().length);
  if (shape.kind === 'document') sink.record({ index: 0, cells, range: { start, end } });
  else sink.record({ index, cells, range: { start, end }, metadata: true });
}
