import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  RowFingerprinter,
  SIGNATURE_BYTES,
  estimatedSimilarity,
  mix32,
  signatureWords,
} from '../../../src/engine/bias/duplicates/fingerprint';
import { orderByKey } from '../../../src/engine/bias/duplicates/radixOrder';
import { seededRandom } from './helpers';

function fingerprint(text: string): { hash: string; signature: Uint8Array } {
  const fingerprinter = new RowFingerprinter();
  fingerprinter.begin();
  fingerprinter.addText(text, false);
  const signature = new Uint8Array(SIGNATURE_BYTES);
  fingerprinter.signatureInto(signature, 0);
  return { hash: `${fingerprinter.exactHashA}:${fingerprinter.exactHashB}`, signature };
}

/**
 * The fingerprint as its documentation defines it, one character at a time: the normalised text (letters and
 * digits folded to lower case, each run of other characters one space, none at either end), FNV-1a and a
 * Murmur-style hash over it, and the minimum of each of 64 bins over the mixed 5-gram rolling hashes.
 */
function referenceFingerprint(cells: ReadonlyArray<readonly [string, boolean]>): {
  hash: string;
  bins: Uint32Array;
} {
  const normal: number[] = [];
  let pending = false;
  for (const [text, separate] of cells) {
    if (separate && normal.length > 0) pending = true;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? '';
      if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) {
        if (normal.length > 0) pending = true;
        continue;
      }
      if (pending) normal.push(0x20);
      pending = false;
      const lower = ch.toLowerCase();
      normal.push(lower.length === 1 ? lower.charCodeAt(0) : ch.charCodeAt(0));
    }
  }
  let hashA = 0x811c9dc5;
  let hashB = 0x9747b28c;
  const bins = new Uint32Array(SIGNATURE_BYTES).fill(0xffffffff);
  normal.forEach((c, i) => {
    hashA = Math.imul(hashA ^ c, 16777619);
    hashB = Math.imul(hashB ^ c, 0x5bd1e995);
    hashB ^= hashB >>> 15;
    if (i < 4) return;
    let rolling = 0;
    for (let k = i - 4; k <= i; k++) rolling = (Math.imul(rolling, 31) + (normal[k] ?? 0)) | 0;
    const mixed = mix32(rolling);
    bins[mixed >>> 26] = Math.min(bins[mixed >>> 26] ?? 0, mixed & 0x03ffffff);
  });
  const exactB = mix32(hashB ^ Math.imul(normal.length, 0x27d4eb2d));
  return { hash: `${(hashA ^ normal.length) >>> 0}:${exactB}`, bins };
}

function shingles(text: string): Set<string> {
  const normal = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
  const set = new Set<string>();
  for (let i = 0; i + 5 <= normal.length; i++) set.add(normal.slice(i, i + 5));
  return set;
}

function jaccard(a: string, b: string): number {
  const x = shingles(a);
  const y = shingles(b);
  const shared = [...x].filter((s) => y.has(s)).length;
  return shared / (x.size + y.size - shared);
}

describe('bias: row fingerprints', () => {
  it('normalises case, punctuation and spacing for the exact hash, and nothing else', () => {
    assert.equal(fingerprint('Great movie!!  Loved it').hash, fingerprint('great movie loved it.').hash);
    assert.equal(fingerprint('Ünïcode Straße').hash, fingerprint('ünïcode straße').hash);
    assert.notEqual(fingerprint('great movie').hash, fingerprint('great movies').hash);
    assert.notEqual(fingerprint('ab c').hash, fingerprint('a bc').hash);
  });

  it('hashes runs of ASCII and other characters as the one-character-at-a-time definition does', () => {
    // The ASCII runs take a path of their own (local state): any divergence from the definition shows here.
    const unit = fc.constantFrom(
      ...'aZ9 ,."-\'\t\nxQ0é',
      'É',
      'ß',
      'İ',
      'Σ',
      'ǅ',
      '\u0301',
      '٣',
      '\ud83d\ude00',
      '\u00a0',
      '—',
    );
    const cell = fc.tuple(fc.string({ maxLength: 40, unit }), fc.boolean());
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), (cells) => {
        const fingerprinter = new RowFingerprinter();
        fingerprinter.begin();
        cells.forEach(([text, separate]) => fingerprinter.addText(text, separate));
        const expected = referenceFingerprint(cells);
        assert.equal(`${fingerprinter.exactHashA}:${fingerprinter.exactHashB}`, expected.hash);
        const signature = new Uint8Array(SIGNATURE_BYTES);
        if (!fingerprinter.signatureInto(signature, 0)) return;
        // A bin no 5-gram fell into borrows another's value (densification); every other one is its own minimum.
        expected.bins.forEach((minimum, bin) => {
          if (minimum !== 0xffffffff) assert.equal(signature[bin], minimum & 0xff, `bin ${bin}`);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('counts equal signature bytes four at a time, exactly', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 128, maxLength: 128 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (bytes, mask) => {
          const signatures = new Uint8Array(bytes);
          for (let k = 0; k < 64; k++) if ((mask[k] ?? 0) < 128) signatures[64 + k] = signatures[k] ?? 0;
          let same = 0;
          for (let k = 0; k < 64; k++) if (signatures[k] === signatures[64 + k]) same++;
          const expected = Math.max(0, (same / 64 - 1 / 256) / (1 - 1 / 256));
          assert.equal(estimatedSimilarity(signatureWords(signatures), 0, 1), expected);
        },
      ),
    );
  });

  it('estimates character 5-gram Jaccard similarity without bias (mean error < 0.02, typical error < 0.1)', () => {
    const random = seededRandom(5);
    const words = 'river stone cloud light alpha beta gamma delta north south quiet storm'.split(' ');
    let total = 0;
    let squares = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const base = Array.from(
        { length: 6 + Math.floor(random() * 14) },
        () => words[Math.floor(random() * words.length)] ?? '',
      );
      const other = base.map((word) => (random() < 0.15 ? (words[Math.floor(random() * words.length)] ?? '') : word));
      const a = base.join(' ');
      const b = other.join(' ');
      const signatures = new Uint8Array(2 * SIGNATURE_BYTES);
      signatures.set(fingerprint(a).signature, 0);
      signatures.set(fingerprint(b).signature, SIGNATURE_BYTES);
      const error = estimatedSimilarity(signatureWords(signatures), 0, 1) - jaccard(a, b);
      total += error;
      squares += error * error;
    }
    assert.ok(Math.abs(total / trials) < 0.02, `mean error ${total / trials}`);
    assert.ok(Math.sqrt(squares / trials) < 0.1, `rms error ${Math.sqrt(squares / trials)}`);
  });

  it('orders slots by key, ties in slot order, below and above the size where the radix sort takes over', () => {
    // Few distinct keys in long arrays make ties, which both sorts must keep in slot order.
    const key = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 5 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.array(key, { minLength: 2040, maxLength: 5000 }), (a, b) => {
        for (const values of [a, b]) {
          const keys = Uint32Array.from(values.map((value, i) => (i % 3 === 0 ? 7 : value)));
          const expected = [...keys.keys()].sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0) || x - y);
          assert.deepEqual([...orderByKey(keys)], expected);
          // `length` orders the first slots only (the row store's arrays are longer than what they hold).
          const head = Math.floor(keys.length / 2);
          const headExpected = [...keys.subarray(0, head).keys()].sort(
            (x, y) => (keys[x] ?? 0) - (keys[y] ?? 0) || x - y,
          );
          assert.deepEqual([...orderByKey(keys, head)], headExpected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('orders slots by key with a stable radix sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 300 }), (values) => {
        const keys = Uint32Array.from(values.map((value, i) => (i % 3 === 0 ? 7 : value)));
        const expected = [...keys.keys()].sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
        assert.deepEqual([...orderByKey(keys)], expected);
      }),
    );
  });
});
