import * as tf from '@tensorflow/tfjs';
import { encodeRecords, type Preprocessing, type TrainedModel, probabilityRows } from '../../training';
import {
  AttributionInputError,
  inputRecord,
  type AttributionModel,
  type BaselineKind,
  type ModelInput,
  type PreparedExample,
} from '../model';
import { layersAfter, targetProbability } from './headLayers';

type TabularPreprocessing = Extract<Preprocessing, { kind: 'tabular' }>;

/**
 * Logistic regression and the MLP as attribution models. The input is the encoded feature vector (standardised
 * numerics, one-hot categories); the only baseline is `zero` there, i.e. every numeric at its training mean and no
 * category set. Units are the original columns: a column's score is the sum over its encoded positions (its whole
 * one-hot group), and perturbation methods switch a whole column off at once.
 */
export class TabularAttributionModel implements AttributionModel {
  readonly kind = 'tabular' as const;
  readonly baselines = ['zero'] as const;
  readonly classes: string[];
  readonly positiveClass: string;
  private readonly preprocessing: TabularPreprocessing;
  private readonly forwardAll: (x: tf.Tensor) => tf.Tensor2D;
  /** Encoded positions of each original column, in column order. */
  private readonly groups: Int32Array[];

  constructor(private readonly trained: TrainedModel) {
    if (trained.preprocessing.kind !== 'tabular') throw new Error('TabularAttributionModel needs a tabular model');
    this.preprocessing = trained.preprocessing;
    this.classes = trained.preprocessing.classes;
    this.positiveClass = trained.preprocessing.positiveClass;
    this.forwardAll = layersAfter(trained.model, undefined);
    let offset = 0;
    this.groups = this.preprocessing.encoding.columns.map((column) => {
      const width = column.kind === 'numeric' ? 1 : column.categories.length + 1;
      offset += width;
      return Int32Array.from({ length: width }, (_, i) => offset - width + i);
    });
  }

  predict(inputs: readonly ModelInput[]): number[][] {
    const records = inputs.map(inputRecord);
    return tf.tidy(() =>
      probabilityRows(
        this.trained.model.predict(encodeRecords(this.preprocessing, records)) as tf.Tensor2D,
      ).arraySync(),
    );
  }

  prepare(input: ModelInput, target: number, baseline: BaselineKind): PreparedExample {
    if (baseline !== 'zero')
      throw new AttributionInputError(
        `tabular models use the zero baseline (numerics at their training mean, no category); '${baseline}' is for text`,
      );
    const record = inputRecord(input);
    const width = this.preprocessing.encoding.width;
    const encoded = tf.tidy(() => encodeRecords(this.preprocessing, [record]).dataSync() as Float32Array);
    return {
      problem: {
        size: width,
        input: encoded,
        baseline: new Float32Array(width),
        features: this.groups,
        forward: (x) => targetProbability(this.forwardAll(x), target),
      },
      units: this.preprocessing.columns.map((column) => {
        const value = record[column] ?? '';
        return { column, text: value, start: 0, end: value.length };
      }),
      toUnits: (attributions) =>
        Float64Array.from(this.groups, (group) => group.reduce((total, i) => total + attributions[i]!, 0)),
    };
  }

  dispose(): void {}
}
