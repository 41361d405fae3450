/** `rml train`'s options, help text and examples (its `--help`, and what `parseCommand` accepts). */
import { BACKEND_PREFERENCES } from '../../engine/compute';
import { TRAINING_DEFAULTS, TRANSFORMER_DEFAULTS } from '../../engine/training';
import { defineCommand, type OptionValues } from '../options';
import { disparityOptions, FAIL_ON_DISPARITY, FORMAT_OPTION, PRIVILEGED_OPTION } from './common';

export const BACKENDS = BACKEND_PREFERENCES;
const PRIVACY = 'Privacy and mitigation (private and constrained runs train every epoch: no early stopping)';
export const MODELS = ['text-embedding-bag', 'transformer', 'logistic-regression', 'mlp'] as const;

export const TRAIN_SPEC = defineCommand({
  usage: '<file> [--label COL] [--text COL | --features COL[,COL…]] [options]',
  description:
    'Trains a classifier with TensorFlow.js on a CSV, TSV, JSONL or JSON dataset (seeded 70/15/15 stratified split, ' +
    'or your split files), stops when the validation loss stops improving and keeps the best epoch, then evaluates ' +
    'it on the held-out test split with per-group fairness and bootstrap intervals. The run is written to ' +
    '.rml/runs/<id>/ (config, metrics, report, predictions, model). Settings missing from the command line come ' +
    'from the nearest .rml.json above the dataset (dataset.label, sensitive, privileged, favorable, weightColumn, ' +
    "minGroupSize and thresholds); columns still missing are the ones the editor's Train Model form suggests " +
    '(printed on stderr).',
  options: {
    label: {
      type: 'string',
      value: 'COL',
      description: 'the column the model predicts',
      default: 'dataset.label of .rml.json, else a column named label, target, class…',
      group: 'Data',
    },
    text: {
      type: 'string',
      value: 'COL',
      description: 'a free-text column: trains the text classifier',
      default: 'the free-text column, when there is one',
      group: 'Data',
    },
    features: {
      type: 'string',
      value: 'COL[,COL…]',
      description: 'feature columns: trains a tabular classifier',
      default: 'the columns left after the label, sensitive, id, personal-data, proxy, weight and constant ones',
      group: 'Data',
    },
    sensitive: {
      type: 'string',
      value: 'COL[,COL…]',
      description: 'columns for per-group fairness; left out of the features',
      default: 'dataset.sensitive, else suggested from names and values when --label or the features are left out',
      group: 'Data',
    },
    'sensitive-as-features': {
      type: 'boolean',
      description: 'also train on the sensitive columns',
      default: 'off',
      group: 'Data',
    },
    privileged: PRIVILEGED_OPTION,
    weight: {
      type: 'string',
      value: 'COL|none',
      description: 'instance weights (never a feature); none: no weights',
      default: 'dataset.weightColumn, else a column named weight',
      group: 'Data',
    },
    'pos-label': {
      type: 'string',
      value: 'VALUE',
      description: 'the favourable class',
      default: 'dataset.favorable, else 1, true or yes',
      group: 'Data',
    },
    test: {
      type: 'string',
      value: 'FILE',
      description: 'a test split file (same columns) instead of the ratio split',
      default: '15 % of the rows',
      group: 'Data',
    },
    validation: {
      type: 'string',
      value: 'FILE',
      description: 'a validation split file (needs --test)',
      default: '15 % of the rows',
      group: 'Data',
    },
    model: {
      type: 'string',
      value: MODELS.join('|'),
      description: 'the model',
      default: 'text-embedding-bag with --text, else logistic-regression',
      group: 'Training',
    },
    'max-tokens': {
      type: 'string',
      value: 'N',
      description: "text models: tokens kept per text (the transformer's sequence length)",
      default: `128; transformer ${TRANSFORMER_DEFAULTS.maxTokens}`,
      group: 'Training',
    },
    vocabulary: {
      type: 'string',
      value: 'N',
      description: 'text models: embedding rows (hash buckets; the transformer takes its BPE ids modulo it)',
      default: '16384',
      group: 'Training',
    },
    layers: {
      type: 'string',
      value: 'N',
      description: 'transformer: encoder layers',
      default: String(TRANSFORMER_DEFAULTS.layers),
      group: 'Training',
    },
    heads: {
      type: 'string',
      value: 'N',
      description: 'transformer: attention heads (must divide --width)',
      default: String(TRANSFORMER_DEFAULTS.heads),
      group: 'Training',
    },
    width: {
      type: 'string',
      value: 'N',
      description: 'transformer: model width (embedding size)',
      default: String(TRANSFORMER_DEFAULTS.width),
      group: 'Training',
    },
    epochs: {
      type: 'string',
      value: 'N',
      description: 'the most epochs to train',
      default: `${TRAINING_DEFAULTS.epochs} (10 with --dp-* or --mitigation)`,
      group: 'Training',
    },
    'early-stopping': {
      type: 'string',
      value: 'on|off',
      description: 'stop when the validation loss stops improving; keep the best epoch',
      default: 'on',
      group: 'Training',
    },
    patience: {
      type: 'string',
      value: 'N',
      description: 'epochs without improvement before stopping',
      default: String(TRAINING_DEFAULTS.patience),
      group: 'Training',
    },
    'class-weight': {
      type: 'string',
      value: 'none|balanced',
      description: "weigh classes as scikit-learn's class_weight",
      default: 'none',
      group: 'Training',
    },
    'batch-size': {
      type: 'string',
      value: 'N',
      description: 'examples per step',
      default: '32, 128 or 512 by data size',
      group: 'Training',
    },
    'learning-rate': {
      type: 'string',
      value: 'X',
      description: "Adam's learning rate",
      default: String(TRAINING_DEFAULTS.learningRate),
      group: 'Training',
    },
    seed: {
      type: 'string',
      value: 'N',
      description: 'seeds the split, the shuffles, the weights and the bootstrap',
      default: String(TRAINING_DEFAULTS.seed),
      group: 'Training',
    },
    backend: {
      type: 'string',
      value: BACKENDS.join('|'),
      description: 'compute backend',
      default: 'auto (TensorFlow with CUDA, else WebGPU on a GPU, else native TensorFlow, else wasm, else cpu)',
      group: 'Training',
    },
    bootstrap: {
      type: 'string',
      value: 'N',
      description: 'bootstrap resamples for the intervals (0: none)',
      default: String(TRAINING_DEFAULTS.bootstrapResamples),
      group: 'Fairness',
    },
    ...disparityOptions('Fairness'),
    'fail-on-disparity': FAIL_ON_DISPARITY,
    'dp-noise': {
      type: 'string',
      value: 'σ',
      description: 'train with DP-SGD at this noise multiplier (needs --dp-clip)',
      default: 'off',
      group: PRIVACY,
    },
    'dp-clip': {
      type: 'string',
      value: 'C',
      description: 'DP-SGD: per-example gradient norm bound (required with --dp-noise)',
      default: '1 with --dp-target-epsilon',
      group: PRIVACY,
    },
    'dp-delta': { type: 'string', value: 'δ', description: 'DP-SGD: the δ of (ε, δ)', default: '1e-5', group: PRIVACY },
    'dp-target-epsilon': {
      type: 'string',
      value: 'ε',
      description: 'DP-SGD: find the noise that spends this ε',
      default: 'off',
      group: PRIVACY,
    },
    mitigation: {
      type: 'string',
      value: 'expgrad|regularizer',
      description: 'train under a fairness constraint or penalty',
      default: 'none',
      group: PRIVACY,
    },
    constraint: {
      type: 'string',
      value: 'NAME',
      description:
        'demographic_parity, equalized_odds, error_rate_parity, true_positive_rate_parity or false_positive_rate_parity',
      default: 'required with --mitigation',
      group: PRIVACY,
    },
    eps: {
      type: 'string',
      value: 'X',
      description: 'expgrad: the allowed constraint violation',
      default: '0.01',
      group: PRIVACY,
    },
    lambda: {
      type: 'string',
      value: 'X',
      description: 'regularizer: the weight of the fairness penalty',
      default: '1',
      group: PRIVACY,
    },
    out: { type: 'string', value: 'DIR', description: 'where run folders go', default: '.rml/runs', group: 'Output' },
    format: FORMAT_OPTION,
    config: {
      type: 'string',
      value: 'FILE',
      description: 'use this .rml.json',
      default: 'the nearest .rml.json above the dataset',
      group: 'Output',
    },
  },
  examples: [
    'rml train data/hiring.csv --label hired --features age,degree,years_experience --sensitive sex --privileged sex=M',
    'rml train reviews.csv --label label --text text --sensitive dialect --fail-on-disparity --format json',
    'rml train loans.csv --label approved --features age,income --model mlp --epochs 200 --patience 10 --seed 7',
    'rml train reviews.csv --label label --text text --model transformer --layers 2 --heads 4 --width 64 --max-tokens 64 --backend webgpu',
  ],
  notes: [
    'JSON output: { "runDir", "runId", "backend", "splits", "epochs", "bestEpoch", "stoppedEarly", "test": { "accuracy", ' +
      '"f1", "macroF1", "auc", "logLoss", "expectedCalibrationError" }, "warnings": [ { "code", "message" } ], ' +
      '"fairness", "fairnessByColumn" (as rml fairness), "verdicts": [ { "grouping", "figure", "value", "interval", "verdict" } ] }',
    'Exit codes: 0 trained; 1 with --fail-on-disparity when a disparity is outside its threshold; 2 usage, input or training error.',
  ],
});

export type TrainValues = OptionValues<typeof TRAIN_SPEC.options>;
