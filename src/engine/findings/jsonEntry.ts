import type { Finding } from '../../shared/findings';

/**
 * A finding's JSON entry (what JSON.stringify gives) as the text between its positions and its fingerprint, and
 * those values: `pieces[0] + fills[0] + pieces[1] + … + pieces[n]`. Line numbers are numbers (a scan worker's are
 * moved down by its chunk's first line when the line is joined), the other fills text as it is written.
 */
export interface JsonEntryCut {
  pieces: readonly string[];
  fills: Array<number | string>;
}

/**
 * The entry of `finding` cut at its positions and fingerprint, its pieces those of the last finding that differed
 * from it in those values alone (one per evidence array, else per slot: the findings of a column share code,
 * message and evidence). A scan of a PII-dense table writes millions of entries of about 570 characters that
 * differ in some 30 of them, and JSON.stringify of each cost more than finding it (2.2 µs an entry, 35 % of a
 * two-thread scan of the 100 MB bench table in JSON); a finding is compared with the one its pieces were cut from
 * member by member instead.
 * Undefined when the entry cannot be cut: a value of the finding's own holds a mark, or the range is not plain.
 */
export function cutJsonEntry(finding: Finding): JsonEntryCut | undefined {
  const range = finding.range;
  if (!isPlainRange(range)) return undefined;
  const evidence = finding.data?.evidence;
  // A frozen evidence array is shared by the findings that give the same reasons (detectors/match.ts): the key of
  // their template, so that a column whose findings alternate between reasons (ten mail domains) keeps one each.
  const shared = Array.isArray(evidence) && Object.isFrozen(evidence) ? evidence : undefined;
  const slot = shared ? -1 : slotOf(finding);
  let cut = shared ? byEvidence.get(shared) : templates[slot];
  if (!cut || !sameBesidesFills(cut, finding)) {
    cut = templateOf(finding);
    if (shared) byEvidence.set(shared, cut);
    else templates[slot] = cut;
    if (!cut) return undefined;
  }
  const { order } = cut;
  const fills = new Array<number | string>(order.length);
  for (let k = 0; k < order.length; k++) {
    const value = order[k];
    fills[k] =
      value === Value.StartLine
        ? range.start.line
        : value === Value.StartCharacter
          ? String(range.start.character)
          : value === Value.EndLine
            ? range.end.line
            : value === Value.EndCharacter
              ? String(range.end.character)
              : JSON.stringify(finding.data!.fingerprint);
  }
  return { pieces: cut.pieces, fills };
}

/** The entry of a cut as one string (fills as they are: no line moves). */
export function joinedEntry(cut: JsonEntryCut): string {
  let text = cut.pieces[0] ?? '';
  for (let k = 0; k < cut.fills.length; k++) text += `${cut.fills[k]}${cut.pieces[k + 1] ?? ''}`;
  return text;
}

/** Which of a finding's values each fill is: start line, start character, end line, end character, fingerprint. */
const enum Value {
  StartLine,
  StartCharacter,
  EndLine,
  EndCharacter,
  Fingerprint,
}

interface Template {
  /** The finding the pieces were cut from, as parsed from its marked entry (its range and fingerprint are marks). */
  model: Finding;
  /** The model's members, in order, and its data's (when the fingerprint is a fill). */
  keys: string[];
  dataKeys: string[];
  /** Whether the fingerprint is a fill (a string fingerprint), not a part of the pieces. */
  fingerprinted: boolean;
  pieces: string[];
  /** The value of each fill, in the order they come in the entry. */
  order: Value[];
}

const SLOTS = 256;
const templates = new Array<Template | undefined>(SLOTS).fill(undefined);
const byEvidence = new WeakMap<readonly string[], Template | undefined>();

function slotOf(finding: Finding): number {
  const column = finding.data?.column;
  const columnLength = typeof column === 'string' ? column.length : 0;
  return (finding.code.length * 31 + finding.message.length * 7 + columnLength) & (SLOTS - 1);
}

/** The marks the positions are written as while a template is cut: numbers no file reaches, digits in common. */
const NUMBER_MARKS = [0, 1, 2, 3].map((k) => Number.MAX_SAFE_INTEGER - k);
const MARK_DIGITS = '90071992547409';
const FINGERPRINT_MARK = '\u0000rml:fingerprint\u0000';
const FINGERPRINT_MARK_JSON = JSON.stringify(FINGERPRINT_MARK);

function templateOf(finding: Finding): Template | undefined {
  const fingerprinted = typeof finding.data?.fingerprint === 'string';
  const [startLine, startCharacter, endLine, endCharacter] = NUMBER_MARKS as [number, number, number, number];
  // Spread keeps the members where they were: the marked entry has the finding's order.
  const marked = JSON.stringify({
    ...finding,
    range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } },
    ...(fingerprinted ? { data: { ...finding.data, fingerprint: FINGERPRINT_MARK } } : {}),
  });
  // A mark's digits (or the fingerprint's mark) anywhere else, in a value of the finding's own, make the cut ambiguous.
  if (occurrences(marked, MARK_DIGITS) !== 4) return undefined;
  if (fingerprinted && occurrences(marked, FINGERPRINT_MARK_JSON) !== 1) return undefined;
  const places = NUMBER_MARKS.map((mark, value) => ({ at: marked.indexOf(String(mark)), length: 16, value }));
  if (fingerprinted)
    places.push({
      at: marked.indexOf(FINGERPRINT_MARK_JSON),
      length: FINGERPRINT_MARK_JSON.length,
      value: Value.Fingerprint,
    });
  places.sort((a, b) => a.at - b.at);
  const pieces: string[] = [];
  let from = 0;
  for (const place of places) {
    pieces.push(marked.slice(from, place.at));
    from = place.at + place.length;
  }
  pieces.push(marked.slice(from));
  return {
    // A copy as JSON has it, not the finding: an object of the finding's may change after it was written.
    model: JSON.parse(marked) as Finding,
    keys: Object.keys(finding),
    dataKeys: fingerprinted ? Object.keys(finding.data!) : [],
    fingerprinted,
    pieces,
    order: places.map((place) => place.value),
  };
}

/** Whether `range` is exactly `{ start: { line, character }, end: { line, character } }`, its numbers finite. */
function isPlainRange(range: Finding['range']): boolean {
  if (!isPlainObject(range) || !hasMembers(range, RANGE_KEYS)) return false;
  const { start, end } = range;
  return isPlainPosition(start) && isPlainPosition(end);
}

function isPlainPosition(position: Finding['range']['start']): boolean {
  // JSON writes a non-finite number as null, a fill as its digits: such a finding takes the long way.
  return (
    isPlainObject(position) &&
    hasMembers(position, POSITION_KEYS) &&
    Number.isFinite(position.line) &&
    Number.isFinite(position.character)
  );
}

const RANGE_KEYS = ['start', 'end'];
const POSITION_KEYS = ['line', 'character'];

/**
 * Whether `finding` writes as the template's model does but for the range and, when the template has it as a
 * fill, the fingerprint: the same members in the same order with the same JSON.
 */
function sameBesidesFills(template: Template, finding: Finding): boolean {
  if (!hasMembers(finding, template.keys)) return false;
  const model = template.model as unknown as Record<string, unknown>;
  const other = finding as unknown as Record<string, unknown>;
  for (const key of template.keys) {
    if (key === 'range') continue;
    if (key === 'data' && template.fingerprinted) {
      if (!sameData(template.dataKeys, model[key], other[key])) return false;
    } else if (!sameJson(model[key], other[key])) return false;
  }
  return true;
}

/** The data of a finding as `model`'s but for a fingerprint, which is a string. */
function sameData(keys: string[], model: unknown, data: unknown): boolean {
  if (!isPlainObject(data) || !hasMembers(data, keys) || typeof data['fingerprint'] !== 'string') return false;
  const before = model as Record<string, unknown>;
  for (const key of keys) if (key !== 'fingerprint' && !sameJson(before[key], data[key])) return false;
  return true;
}

/** Whether `b` has the JSON of `a`, a value parsed from JSON (anything but plain data, a `toJSON` among it, answers false). */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameJson(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (!hasMembers(b, keys)) return false;
  for (const key of keys) if (!sameJson(a[key], b[key])) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && !('toJSON' in value);
}

/**
 * Whether `object`'s enumerable members are `keys`, in that order (walked with for…in, which makes no array: an
 * inherited enumerable member, which JSON leaves out, only makes it answer false).
 */
function hasMembers(object: object, keys: readonly string[]): boolean {
  let k = 0;
  for (const key in object) if (keys[k++] !== key) return false;
  return k === keys.length;
}

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}
