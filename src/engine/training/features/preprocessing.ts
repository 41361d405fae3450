import * as tf from '@tensorflow/tfjs';
import type { Examples } from '../data/examples';
import type { ResolvedModelSpec } from '../types';
import { BPE_ENCODING, encodeBpeTexts, type BpeTokenOptions } from './bpeTokens';
import { encodeTexts, paddedBatch, type TextFeatureOptions } from '../../text';
import { encodeTabular, fitTabularEncoding, type TabularEncoding } from './tabular';

/**
 * How raw examples become model input, fitted on the training split. Saved as `model/preprocessing.json`
 * so whoever loads the model (evaluation, attribution, the CLI) feeds it the same numbers.
 */
export type Preprocessing =
  | {
      version: 1;
      kind: 'text';
      column: string;
      options: TextFeatureOptions;
      /** Set for the transformer: the text is BPE tokens (and `options` is unused), not hashed n-grams. */
      bpe?: BpeTokenOptions;
      classes: string[];
      positiveClass: string;
    }
  | {
      version: 1;
      kind: 'tabular';
      columns: string[];
      encoding: TabularEncoding;
      classes: string[];
      positiveClass: string;
    };

/** One split's examples already encoded; `batch` builds the input tensor of some of them. */
export interface EncodedSplit {
  count: number;
  /** text: [rows, longest] int32 ids; tabular: [rows, width] float32. The caller disposes it. */
  batch(rows: ArrayLike<number>): tf.Tensor2D;
  /**
   * Tabular only: every row as one [count, width] float32 tensor (the caller disposes it), so a training epoch can
   * keep the split on the device and gather its batches there. Text has none: its rows are ragged.
   */
  matrix?(): tf.Tensor2D;
}

export function fitPreprocessing(
  spec: ResolvedModelSpec,
  columns: { text?: string; features: string[]; categorical?: string[] },
  train: Examples,
  classes: string[],
  positiveClass: string,
): Preprocessing {
  if (spec.kind === 'text-embedding-bag' || spec.kind === 'transformer') {
    if (!columns.text) throw new Error('the text model needs a text column');
    if (spec.kind === 'transformer') {
      const bpe: BpeTokenOptions = { encoding: BPE_ENCODING, vocabulary: spec.hashBuckets, maxTokens: spec.maxTokens };
      const options: TextFeatureOptions = {
        hashBuckets: spec.hashBuckets,
        maxTokens: spec.maxTokens,
        wordBigrams: false,
        charNgrams: [],
      };
      return { version: 1, kind: 'text', column: columns.text, options, bpe, classes, positiveClass };
    }
    const options: TextFeatureOptions = {
      hashBuckets: spec.hashBuckets,
      maxTokens: spec.maxTokens,
      wordBigrams: spec.wordBigrams,
      charNgrams: spec.charNgrams,
    };
    return { version: 1, kind: 'text', column: columns.text, options, classes, positiveClass };
  }
  const encoding = fitTabularEncoding(columns.features, train.features, spec.maxCategories, columns.categorical);
  return { version: 1, kind: 'tabular', columns: columns.features, encoding, classes, positiveClass };
}

/** Encodes a whole split once (text: hashed ids; tabular: the float matrix), then serves batches from it. */
export function encodeSplit(preprocessing: Preprocessing, examples: Examples): EncodedSplit {
  if (preprocessing.kind === 'text') {
    const encoded = preprocessing.bpe
      ? encodeBpeTexts(examples.text, preprocessing.bpe)
      : encodeTexts(examples.text, preprocessing.options);
    return {
      count: examples.count,
      batch(rows) {
        const { ids, length } = paddedBatch(encoded, rows);
        return tf.tensor2d(ids, [rows.length, length], 'int32');
      },
    };
  }
  const width = preprocessing.encoding.width;
  const all = Int32Array.from({ length: examples.count }, (_, i) => i);
  const matrix = encodeTabular(preprocessing.encoding, examples.features, all);
  return {
    count: examples.count,
    batch(rows) {
      const block = new Float32Array(rows.length * width);
      for (let i = 0; i < rows.length; i++)
        block.set(matrix.subarray(rows[i]! * width, (rows[i]! + 1) * width), i * width);
      return tf.tensor2d(block, [rows.length, width], 'float32');
    },
    matrix: () => tf.tensor2d(matrix, [examples.count, width], 'float32'),
  };
}

/** Encodes raw records (column → value) for prediction with a saved model; [records, …] as `EncodedSplit.batch`. */
export function encodeRecords(
  preprocessing: Preprocessing,
  records: ReadonlyArray<Readonly<Record<string, string>>>,
): tf.Tensor2D {
  const examples: Examples = {
    count: records.length,
    labels: [],
    weights: new Float32Array(records.length),
    text: preprocessing.kind === 'text' ? records.map((record) => record[preprocessing.column] ?? '') : [],
    features:
      preprocessing.kind === 'tabular'
        ? preprocessing.columns.map((column) => records.map((record) => record[column] ?? ''))
        : [],
    sensitive: {},
  };
  return encodeSplit(preprocessing, examples).batch(Int32Array.from({ length: records.length }, (_, i) => i));
}
