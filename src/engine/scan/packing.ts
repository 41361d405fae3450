/**
 * Plain values (what JSON holds, plus `undefined` members) packed into numbers and a table of strings, for the
 * findings of a chunk on their way from a worker thread: 10,000 findings per chunk share their keys, codes,
 * messages and evidence, so each of those crosses once, and the numbers travel as one transferred buffer. On the
 * 100 MB bench table, JSON.stringify + JSON.parse of the findings cost more than finding them, and the structured
 * clone of the objects more still. Unpacking gives objects with the same members in the same order.
 *
 * The strings travel as their UTF-16 code units in one transferred buffer too, not as an array of strings: kept as
 * strings until the chunk ended, a chunk's unique evidence outlived the young generation on both threads (on the
 * 100 MB bench table two threads promoted 4x the bytes one thread did, and their collectors' helper threads took
 * a core's worth of time from the scan); as code units each string dies young where it is packed, and again
 * where it is unpacked and written. Code units, not UTF-8: a lone surrogate (a JSON `"\ud800"`) comes back as it was.
 */
import type { Finding, Severity } from '../../shared/findings';
import { cutLine, type CutLine, type LineFormat } from '../findings';

const enum Tag {
  Number,
  String,
  True,
  False,
  Null,
  Undefined,
  Array,
  Object,
}

/** Strings longer than this are unlikely to repeat (cell values): stored as they come. */
const INTERNED_LENGTH = 64;

export interface Packed {
  numbers: Float64Array;
  /** The strings' UTF-16 code units, one after another. */
  text: Uint16Array;
  /** Where each string ends in `text` (string `id` starts where `id - 1` ends). */
  ends: Int32Array;
}

export class Packer {
  private numbers = new Float64Array(INITIAL_NUMBERS);
  private length = 0;
  private text = new Uint16Array(INITIAL_TEXT);
  private textLength = 0;
  private ends = new Int32Array(INITIAL_STRINGS);
  private stringCount = 0;
  /**
   * A direct-mapped cache of recent strings (by length and two characters) instead of a Map: most strings repeat
   * (keys, codes, evidence) and are found by one comparison, a unique one (a fingerprint) costs no hashing; a
   * string pushed out of the cache by another is simply stored again.
   */
  private readonly cachedStrings = new Array<string | undefined>(STRING_CACHE).fill(undefined);
  private readonly cachedIds = new Int32Array(STRING_CACHE);
  /** Key lists seen, compared member by member (keys are interned strings: identity compares). */
  private readonly shapes: Array<{ keys: string[]; id: number }> = [];

  value(value: unknown): void {
    switch (typeof value) {
      case 'number':
        return this.push2(Tag.Number, value);
      case 'string':
        return this.push2(Tag.String, this.stringId(value));
      case 'boolean':
        return this.push(value ? Tag.True : Tag.False);
      case 'undefined':
        return this.push(Tag.Undefined);
      case 'object':
        if (value === null) return this.push(Tag.Null);
        if (Array.isArray(value)) return this.array(value);
        return this.object(value as Record<string, unknown>);
      default:
        throw new Error(`cannot pack a ${typeof value}`);
    }
  }

  /**
   * A finding's report line, cut at its line numbers (findings/reportLine.ts), without tags: the reader knows what
   * comes (Unpacker.line). Its pieces are kept once however long they are, for they repeat: a column's message
   * and evidence are the same in every row. A fill is its line number (never negative: `packedAsLine` sees to
   * it) or, as `-1 - id`, its string.
   */
  line(cut: CutLine): void {
    if (this.length + 3 + 2 * cut.pieces.length > this.numbers.length) this.grow(3 + 2 * cut.pieces.length);
    const numbers = this.numbers;
    numbers[this.length++] = this.stringId(cut.code);
    numbers[this.length++] = this.stringId(cut.severity);
    numbers[this.length++] = cut.pieces.length;
    for (const piece of cut.pieces) numbers[this.length++] = this.stringId(piece, true);
    for (const fill of cut.fills) numbers[this.length++] = typeof fill === 'number' ? fill : -1 - this.stringId(fill);
  }

  /** The packed values; the packer starts again empty. */
  take(): Packed {
    // The buffer itself is handed over (and transferred between threads); the next one starts small again.
    const packed = {
      numbers: this.numbers.subarray(0, this.length),
      text: this.text.subarray(0, this.textLength),
      ends: this.ends.subarray(0, this.stringCount),
    };
    this.numbers = new Float64Array(INITIAL_NUMBERS);
    this.length = 0;
    this.text = new Uint16Array(INITIAL_TEXT);
    this.textLength = 0;
    this.ends = new Int32Array(INITIAL_STRINGS);
    this.stringCount = 0;
    this.cachedStrings.fill(undefined);
    this.shapes.length = 0;
    return packed;
  }

  private array(values: unknown[]): void {
    this.push2(Tag.Array, values.length);
    for (const item of values) this.value(item);
  }

  private object(object: Record<string, unknown>): void {
    const keys = Object.keys(object);
    this.push2(Tag.Object, this.shapeId(keys));
    for (const key of keys) this.value(object[key]);
  }

  /** The keys, in order, stored once as one string (their count first). */
  private shapeId(keys: string[]): number {
    for (const shape of this.shapes) if (sameKeys(shape.keys, keys)) return shape.id;
    const id = this.stored(`${keys.length}\0${keys.join('\0')}`);
    if (this.shapes.length < MAX_SHAPES) this.shapes.push({ keys, id });
    return id;
  }

  private stringId(value: string, long = false): number {
    const n = value.length;
    if (n === 0 || (n > INTERNED_LENGTH && !long)) return this.stored(value);
    const slot =
      (n * 977 + value.charCodeAt(0) * 31 + value.charCodeAt(n - 1) + value.charCodeAt(n >> 1) * 7) &
      (STRING_CACHE - 1);
    if (this.cachedStrings[slot] === value) return this.cachedIds[slot]!;
    const id = this.stored(value);
    this.cachedStrings[slot] = value;
    this.cachedIds[slot] = id;
    return id;
  }

  /** Appends `value`'s code units to the text: its id. */
  private stored(value: string): number {
    const n = value.length;
    if (this.textLength + n > this.text.length) this.text = grownTo(this.text, this.textLength + n);
    if (this.stringCount === this.ends.length) this.ends = grownTo(this.ends, this.stringCount + 1);
    const text = this.text;
    let at = this.textLength;
    for (let k = 0; k < n; k++) text[at++] = value.charCodeAt(k);
    this.textLength = at;
    this.ends[this.stringCount] = at;
    return this.stringCount++;
  }

  private push(tag: Tag): void {
    if (this.length + 1 > this.numbers.length) this.grow();
    this.numbers[this.length++] = tag;
  }

  private push2(tag: Tag, value: number): void {
    if (this.length + 2 > this.numbers.length) this.grow();
    this.numbers[this.length++] = tag;
    this.numbers[this.length++] = value;
  }

  private grow(atLeast = 2): void {
    this.numbers = grownTo(this.numbers, this.length + atLeast);
  }
}

/** A copy of `array`, twice as long or `atLeast`. */
function grownTo<T extends Float64Array | Uint16Array | Int32Array>(array: T, atLeast: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(array.length * 2, atLeast));
  bigger.set(array);
  return bigger;
}

const STRING_CACHE = 1024;
/**
 * A 4 MiB chunk of the bench table packs into about 700,000 numbers (the buffer doubles 8 times on the way), a
 * small file's few findings into a few hundred: a file scan worker took 512 KiB per file at 1 << 16, twice (take
 * made the next), and 2,000 small files on 3 threads spent more in the garbage collector than scanning them.
 */
const INITIAL_NUMBERS = 1 << 12;
const INITIAL_TEXT = 1 << 12;
const INITIAL_STRINGS = 1 << 9;
const MAX_SHAPES = 64;

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Reads values back in the order they were packed. */
export class Unpacker {
  private at = 0;
  private readonly keysById = new Map<number, string[]>();
  /** The text as bytes, for Buffer's decoder of code units. */
  private readonly units: Buffer;
  /** Strings decoded lately, by id (direct-mapped): a chunk's codes and messages are decoded once, not per finding. */
  private readonly decoded = new Array<string | undefined>(STRING_CACHE).fill(undefined);
  private readonly decodedIds = new Int32Array(STRING_CACHE).fill(-1);

  constructor(private readonly packed: Packed) {
    const { text } = packed;
    this.units = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  }

  get done(): boolean {
    return this.at >= this.packed.numbers.length;
  }

  value(): unknown {
    const numbers = this.packed.numbers;
    const tag = numbers[this.at++] as Tag;
    switch (tag) {
      case Tag.Number:
        return numbers[this.at++];
      case Tag.String:
        return this.string(numbers[this.at++]!);
      case Tag.True:
        return true;
      case Tag.False:
        return false;
      case Tag.Null:
        return null;
      case Tag.Undefined:
        return undefined;
      case Tag.Array: {
        const items = new Array<unknown>(numbers[this.at++]!);
        for (let k = 0; k < items.length; k++) items[k] = this.value();
        return items;
      }
      case Tag.Object:
        return this.object(numbers[this.at++]!);
      default:
        throw new Error(`corrupt packed values (tag ${String(tag)} at ${this.at - 1})`);
    }
  }

  /** What Packer.line packed: the code, the severity and the pieces and line numbers of the cut line. */
  line(): CutLine {
    const { numbers } = this.packed;
    const code = this.string(numbers[this.at++]!);
    const severity = this.string(numbers[this.at++]!) as Severity;
    const count = numbers[this.at++]!;
    const pieces = new Array<string>(count);
    for (let k = 0; k < count; k++) pieces[k] = this.string(numbers[this.at++]!);
    const fills = new Array<number | string>(count - 1);
    for (let k = 0; k < count - 1; k++) {
      const fill = numbers[this.at++]!;
      fills[k] = fill >= 0 ? fill : this.string(-1 - fill);
    }
    return { code, severity, pieces, fills };
  }

  private string(id: number): string {
    const slot = id & (STRING_CACHE - 1);
    if (this.decodedIds[slot] === id) return this.decoded[slot]!;
    const { ends } = this.packed;
    if (id < 0 || id >= ends.length) throw new Error(`corrupt packed values (string ${id} of ${ends.length})`);
    const start = id === 0 ? 0 : ends[id - 1]!;
    const value = this.units.toString('utf16le', 2 * start, 2 * ends[id]!);
    this.decoded[slot] = value;
    this.decodedIds[slot] = id;
    return value;
  }

  private object(shape: number): Record<string, unknown> {
    let keys = this.keysById.get(shape);
    if (!keys) this.keysById.set(shape, (keys = this.string(shape).split('\0').slice(1)));
    const object: Record<string, unknown> = {};
    for (const key of keys) {
      if (key === '__proto__')
        Object.defineProperty(object, key, {
          value: this.value(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else object[key] = this.value();
    }
    return object;
  }
}

/**
 * Packs `finding` as `mark` and its report line of `format` (Packer.line), for the thread that reports it to write
 * as it is; false, with nothing packed, without a format, when the line cannot be cut (findings/reportLine.ts) or
 * when a line number in it is negative (Packer.line has no room for one).
 */
export function packedAsLine(packer: Packer, format: LineFormat | undefined, finding: Finding, mark: number): boolean {
  const line = format && cutLine(format, finding);
  if (!line || !line.fills.every((fill) => typeof fill === 'string' || fill >= 0)) return false;
  packer.value(mark);
  packer.line(line);
  return true;
}

/** The buffers of `packed`, handed over to the thread it is posted to rather than copied. */
export function transferOf(packed: Packed): ArrayBuffer[] {
  return [packed.numbers.buffer, packed.text.buffer, packed.ends.buffer] as ArrayBuffer[];
}
