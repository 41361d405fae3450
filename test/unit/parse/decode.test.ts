import { strict as assert } from 'node:assert';
import { TextDecoder } from 'node:util';
import fc from 'fast-check';
import { createChunkDecoder, type DecodedChunk } from '../../../src/engine/parse/decode';

/** Bytes that make UTF-8 interesting: ASCII, continuation bytes, every kind of lead, and the U+FFFD sequence. */
const interestingByte = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x80, max: 0xbf }),
  fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xbb, 0xbd),
);
const bytesWithReplacementCharacters = fc
  .array(
    fc.oneof(
      interestingByte.map((b) => [b]),
      fc.constant([0xef, 0xbf, 0xbd]),
      fc.constant([0xf0, 0x9f, 0x98, 0x80]),
    ),
    { maxLength: 60 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

function decodeInChunks(bytes: Uint8Array, cuts: number[]): DecodedChunk {
  const decoder = createChunkDecoder('utf-8');
  const chunks: DecodedChunk[] = [];
  let previous = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).filter((c) => c <= bytes.length)) {
    chunks.push(decoder.write(bytes.subarray(previous, cut)));
    previous = cut;
  }
  chunks.push(decoder.write(bytes.subarray(previous)), decoder.end());
  let text = '';
  const invalidUtf8: number[] = [];
  for (const chunk of chunks) {
    invalidUtf8.push(...chunk.invalidUtf8.map((offset) => offset + text.length));
    text += chunk.text;
  }
  return { text, invalidUtf8 };
}

/**
 * The reference: WHATWG's decoder for the text; for which U+FFFD were invalid bytes, the same decoder on the
 * bytes with every EF BF BD (always a whole, genuine U+FFFD) replaced by EE 80 80 (U+E000, same shape): the
 * U+FFFD left are exactly the invalid ones.
 */
function reference(bytes: Uint8Array): DecodedChunk {
  const text = new TextDecoder('utf-8').decode(bytes);
  const swapped = Uint8Array.from(bytes);
  for (let i = 0; i + 2 < swapped.length; i++) {
    if (swapped[i] === 0xef && swapped[i + 1] === 0xbf && swapped[i + 2] === 0xbd) swapped.set([0xee, 0x80, 0x80], i);
  }
  const marked = new TextDecoder('utf-8').decode(swapped);
  const invalidUtf8: number[] = [];
  for (let i = 0; i < marked.length; i++) if (marked.charCodeAt(i) === 0xfffd) invalidUtf8.push(i);
  return { text, invalidUtf8 };
}

describe('UTF-8 chunk decoder', () => {
  it('decodes as WHATWG does and marks exactly the U+FFFD that replaced invalid bytes, however the bytes are cut', () => {
    fc.assert(
      fc.property(bytesWithReplacementCharacters, fc.array(fc.nat(70), { maxLength: 6 }), (body, cuts) => {
        // No BOM at the start here (the decoder drops one): a leading EF BB BF is kept out of this property.
        const bytes = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(1) : body;
        if (bytes.some((b, i) => b === 0xee && bytes[i + 1] === 0x80 && bytes[i + 2] === 0x80)) return;
        assert.deepEqual(decodeInChunks(bytes, cuts), reference(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops a leading BOM and moves the marks with the text', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0xef, 0xbf, 0xbd, 0xe2, 0x82]);
    assert.deepEqual(decodeInChunks(bytes, [1, 2, 9]), { text: 'a\uFFFD\uFFFD\uFFFD', invalidUtf8: [1, 3] });
  });

  it('decodes UTF-16 LE and BE after their byte-order marks, a pair split across chunks too', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a😀,é', 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const [encoding, bytes] of [
      ['utf-16le', le],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
    ] as const) {
      const decoder = createChunkDecoder(encoding);
      const text =
        decoder.write(bytes.subarray(0, 5)).text + decoder.write(bytes.subarray(5)).text + decoder.end().text;
      assert.equal(text, 'a😀,é', encoding);
    }
  });
});
