import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** A piece of a file's text, and where in it the decoder put U+FFFD for bytes that were not valid UTF-8. */
export interface DecodedChunk {
  text: string;
  /**
   * UTF-16 offsets in `text` of each U+FFFD that stands for invalid bytes. Any other U+FFFD is the character
   * itself (the bytes EF BF BD), which is valid text and not reported.
   */
  invalidUtf8: number[];
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding a file's first bytes announce: a UTF-16 byte-order mark (FF FE little-endian, FE FF big-endian),
 * else UTF-8 (with or without its own BOM), as VS Code decides for files with a BOM.
 */
export function encodingOf(head: Uint8Array): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Decodes a stream of byte chunks to text; a leading byte-order mark is dropped (VS Code's documents have none). */
export interface ChunkDecoder {
  write(bytes: Uint8Array): DecodedChunk;
  end(): DecodedChunk;
}

/** `midStream`: UTF-8 bytes from inside a file (a chunk after its first line): a U+FEFF there is text, kept. */
export function createChunkDecoder(encoding: TextEncoding, midStream = false): ChunkDecoder {
  return encoding === 'utf-8' ? new Utf8ChunkDecoder(midStream) : new Utf16ChunkDecoder(encoding);
}

/** Bytes of the sequence a UTF-8 lead byte starts (0 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The range the first continuation byte after `lead` must be in (Unicode table 3-7), packed as low | high << 8. */
function secondByteRange(lead: number): number {
  if (lead === 0xe0) return 0xa0 | (0xbf << 8);
  if (lead === 0xed) return 0x80 | (0x9f << 8);
  if (lead === 0xf0) return 0x90 | (0xbf << 8);
  if (lead === 0xf4) return 0x80 | (0x8f << 8);
  return 0x80 | (0xbf << 8);
}

/**
 * How many bytes from `at` form the longest prefix of a well-formed sequence ("maximal subpart", which the
 * WHATWG decoder replaces by one U+FFFD), at most `end - at`. A complete sequence gives its full length.
 */
function wellFormedPrefix(bytes: Uint8Array, at: number, end: number): number {
  const lead = bytes[at] ?? 0;
  const length = sequenceLength(lead);
  if (length <= 1) return 1;
  const range = secondByteRange(lead);
  let n = 1;
  for (; n < length && at + n < end; n++) {
    const b = bytes[at + n] ?? 0;
    const low = n === 1 ? range & 0xff : 0x80;
    const high = n === 1 ? range >> 8 : 0xbf;
    if (b < low || b > high) break;
  }
  return n;
}

/** Where a sequence cut by the end of `bytes` begins (it waits for the next chunk), or `bytes.length`. */
export function completeLength(bytes: Uint8Array): number {
  return incompleteTail(bytes);
}

function incompleteTail(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const at = end - back;
    const b = bytes[at] ?? 0;
    if (b >= 0x80 && b <= 0xbf) continue; // a continuation byte: the lead is further back
    const length = sequenceLength(b);
    return length > back && wellFormedPrefix(bytes, at, end) === back ? at : end;
  }
  return end;
}

/**
 * UTF-8 with exact knowledge of which U+FFFD were invalid bytes. Valid chunks (nearly all) take Node's native
 * check and decoder; a chunk with invalid bytes is decoded natively too, then walked beside its bytes to find
 * which replacement characters came from bytes EF BF BD and which from invalid ones.
 */
class Utf8ChunkDecoder implements ChunkDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private first: boolean;

  constructor(midStream: boolean) {
    this.first = !midStream;
  }

  write(bytes: Uint8Array): DecodedChunk {
    const joined = this.carry.length === 0 ? bytes : concat(this.carry, bytes);
    const cut = incompleteTail(joined);
    this.carry = Uint8Array.prototype.slice.call(joined, cut); // a copy: `joined` may be the reader's buffer
    return this.decode(joined.subarray(0, cut));
  }

  end(): DecodedChunk {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return this.decode(rest);
  }

  private decode(bytes: Uint8Array): DecodedChunk {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let text = buffer.toString('utf8');
    const invalidUtf8 = isUtf8(buffer) ? [] : invalidReplacements(bytes, text);
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        for (let i = 0; i < invalidUtf8.length; i++) invalidUtf8[i]! -= 1;
      }
    }
    return { text, invalidUtf8 };
  }
}

/** Offsets in `text` (decoded from `bytes`) of the U+FFFD that replaced invalid bytes. */
function invalidReplacements(bytes: Uint8Array, text: string): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) {
      const genuine = bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd;
      if (genuine) at += 3;
      else {
        offsets.push(i);
        at += wellFormedPrefix(bytes, at, bytes.length);
      }
    } else if (c < 0x80) at += 1;
    else if (c < 0x800) at += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      at += 4; // the pair's low surrogate follows
      i++;
    } else at += 3;
  }
  return offsets;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/** UTF-16 with a byte-order mark: the platform's streaming decoder (which drops the mark). */
class Utf16ChunkDecoder implements ChunkDecoder {
  private readonly decoder: TextDecoder;

  constructor(encoding: 'utf-16le' | 'utf-16be') {
    this.decoder = new TextDecoder(encoding);
  }

  write(bytes: Uint8Array): DecodedChunk {
    return { text: this.decoder.decode(bytes, { stream: true }), invalidUtf8: [] };
  }

  end(): DecodedChunk {
    return { text: this.decoder.decode(), invalidUtf8: [] };
  }
}

/** The text of a file's first bytes (what `kindOf` looks at), in the encoding they announce. */
export function decodeHead(bytes: Uint8Array): string {
  const decoder = createChunkDecoder(encodingOf(bytes));
  return decoder.write(bytes).text;
}
