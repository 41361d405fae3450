import { strict as assert } from 'node:assert';
import {
  balancedClassWeights,
  classIndices,
  classNames,
  positiveClassIndex,
} from '../../../src/engine/training/data/examples';
import { stratifiedSplit } from '../../../src/engine/training/data/split';
import { encodeTexts, fnv1a, paddedBatch, textTokens, tokenId, words } from '../../../src/engine/text/hashedText';
import { encodeTabular, fitTabularEncoding } from '../../../src/engine/training/features/tabular';

const TEXT_OPTIONS = { hashBuckets: 1024, maxTokens: 64, wordBigrams: true, charNgrams: [3] };

describe('hashed text features', () => {
  it('hashes with 32-bit FNV-1a (test vectors of the FNV reference, draft-eastlake-fnv)', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
  });

  it('lowercases words, keeps inner apostrophes, and adds bigrams and boundary-marked character n-grams', () => {
    assert.deepEqual(words("Don't STOP, café-2000!"), ["don't", 'stop', 'café', '2000']);
    assert.deepEqual(textTokens('Big cat', { maxTokens: 20, wordBigrams: true, charNgrams: [3] }), [
      'w:big',
      'w:cat',
      'b:big cat',
      'c:<bi',
      'c:big',
      'c:ig>',
      'c:<ca',
      'c:cat',
      'c:at>',
    ]);
    assert.deepEqual(
      textTokens('a b c d', { maxTokens: 3, wordBigrams: true, charNgrams: [3] }),
      ['w:a', 'w:b', 'w:c'],
      'words are kept first',
    );
  });

  it('maps tokens into 1 … buckets − 1, keeping 0 for padding', () => {
    for (const token of ['w:a', 'w:b', 'c:<ab', 'b:x y']) {
      const id = tokenId(token, 8);
      assert.ok(id >= 1 && id <= 7, `${token} → ${id}`);
    }
  });

  it('pads a batch to its longest example, and gives an empty text one padding column', () => {
    const encoded = encodeTexts(['one two', '', 'three'], TEXT_OPTIONS);
    // 'one two': 2 words, 1 bigram, 3 + 3 trigrams of <one> and <two>; 'three': 1 word, 5 trigrams of <three>.
    assert.deepEqual(Array.from(encoded.offsets), [0, 9, 9, 15]);
    const batch = paddedBatch(encoded, [1, 2]);
    assert.equal(batch.length, 6);
    assert.deepEqual(Array.from(batch.ids.subarray(0, 6)), [0, 0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(batch.ids.subarray(6)), Array.from(encoded.ids.subarray(9, 15)));
    assert.equal(paddedBatch(encoded, [1]).length, 1);
  });
});

describe('tabular features', () => {
  it('standardises numerics and one-hot encodes categories with statistics from the training values only', () => {
    const encoding = fitTabularEncoding(
      ['age', 'city'],
      [
        ['20', '40', ''],
        ['Oslo', 'Lima', 'Oslo'],
      ],
      50,
    );
    assert.deepEqual(encoding.columns[0], { kind: 'numeric', column: 'age', mean: 30, std: 10 });
    assert.deepEqual(encoding.featureNames, ['age', 'city=Oslo', 'city=Lima', 'city=(other)']);
    const unseen = [
      ['50', ''],
      ['Rome', 'Lima'],
    ];
    const rows = encodeTabular(encoding, unseen, [0, 1]);
    // 50 → (50 − 30) / 10; an unseen city goes to (other); a missing number encodes as the mean, 0.
    assert.deepEqual(Array.from(rows), [2, 0, 0, 1, 0, 0, 1, 0]);
  });

  it('keeps the most frequent categories and a constant numeric column encodes to 0', () => {
    const encoding = fitTabularEncoding(
      ['c', 'k'],
      [
        ['x', 'y', 'y', 'z', 'z', 'z'],
        ['5', '5', '5', '5', '5', '5'],
      ],
      2,
    );
    assert.deepEqual(encoding.featureNames, ['c=z', 'c=y', 'c=(other)', 'k']);
    assert.deepEqual(Array.from(encodeTabular(encoding, [['x'], ['5']], [0])), [0, 0, 1, 0]);
  });
});

describe('labels, classes and splits', () => {
  it('orders classes numerically when they are numbers, and picks a favourable positive class', () => {
    assert.deepEqual(classNames(['10', '2', '1', '2']), ['1', '2', '10']);
    assert.deepEqual(classNames(['no', 'yes', 'maybe']), ['maybe', 'no', 'yes']);
    assert.equal(positiveClassIndex(['no', 'yes']), 1);
    assert.equal(positiveClassIndex(['1', '0'].sort()), 1);
    assert.equal(positiveClassIndex(['cat', 'dog']), 1, 'the last class when no name is conventional');
    assert.equal(positiveClassIndex(['cat', 'dog'], 'cat'), 0);
    assert.throws(() => positiveClassIndex(['cat', 'dog'], 'cow'), /positive class 'cow' is not a label value/);
  });

  it("weights classes as scikit-learn's class_weight='balanced': n / (k · n_c)", () => {
    const weights = balancedClassWeights(classIndices(['a', 'a', 'a', 'b'], ['a', 'b']), 2);
    assert.ok(Math.abs(weights[0]! - 4 / 6) < 1e-6 && weights[1] === 2);
  });

  it('splits each class by the ratios, reproducibly for a seed, into disjoint parts that cover every row', () => {
    const labels = Int32Array.from({ length: 1000 }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const ratios = { train: 0.7, validation: 0.15, test: 0.15 };
    const split = stratifiedSplit(labels, ratios, 7);
    assert.deepEqual([split.train.length, split.validation.length, split.test.length], [700, 150, 150]);
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    assert.deepEqual(
      all,
      Array.from({ length: 1000 }, (_, i) => i),
    );
    const positives = (rows: Int32Array) => rows.filter((row) => labels[row] === 1).length / rows.length;
    assert.equal(positives(split.test), 0.3);
    assert.equal(positives(split.validation), 0.3);
    assert.deepEqual(stratifiedSplit(labels, ratios, 7), split);
    assert.notDeepEqual(Array.from(stratifiedSplit(labels, ratios, 8).test), Array.from(split.test));
  });

  it('puts at least one example of a small class in every split', () => {
    const split = stratifiedSplit(
      Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]),
      { train: 0.7, validation: 0.15, test: 0.15 },
      1,
    );
    const labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    for (const part of [split.train, split.validation, split.test]) assert.ok(part.some((row) => labels[row] === 1));
  });
});
