import { backendLabel, type SelectedBackend } from '../../../src/shared/compute';
import type { RunConfigRecord, RunState, RunStatus } from '../../../src/shared/runs';
import type { RunFileName } from '../../../src/shared/webviewMessages';
import { formatCount } from './format';

/** The run's configuration, backend and status as the panel words them. */

export interface Fact {
  label: string;
  value: string;
  /** Longer text for the tooltip (the full hash, the backend's detail…). */
  title?: string;
  /** A file of the run the value links to. */
  file?: RunFileName;
}

function modelText(config: RunConfigRecord): string {
  const { model } = config;
  const size = `${formatCount(model.parameters)} parameters`;
  if (model.kind === 'text-embedding-bag') {
    const head = model.hiddenUnits > 0 ? `, ${model.hiddenUnits} hidden units` : '';
    return `text embedding bag (${model.embeddingDim}-d embeddings, ${formatCount(model.hashBuckets)} buckets${head}), ${size}`;
  }
  if (model.kind === 'transformer' && model.transformer) {
    const { layers, heads, width } = model.transformer;
    return `transformer (${layers} layers, ${heads} heads, width ${width}, ${model.maxTokens} tokens), ${size}`;
  }
  if (model.kind === 'mlp') return `MLP (${model.hiddenUnits} hidden units), ${size}`;
  return `logistic regression, ${size}`;
}

function splitText(config: RunConfigRecord): string {
  const { split } = config;
  const counts = `${formatCount(split.counts.train)} / ${formatCount(split.counts.validation)} / ${formatCount(split.counts.test)}`;
  if (split.kind === 'ratio')
    return `${split.train} / ${split.validation} / ${split.test} of the rows: ${counts} examples`;
  return `split files: ${counts} examples`;
}

function inputFacts(config: RunConfigRecord): Fact[] {
  const { columns } = config;
  const facts: Fact[] = [];
  if (columns.text !== undefined) facts.push({ label: 'Text column', value: columns.text });
  if (columns.features?.length) facts.push({ label: 'Feature columns', value: columns.features.join(', ') });
  const sensitive = columns.sensitive.length ? columns.sensitive.join(', ') : 'none';
  facts.push({
    label: 'Sensitive columns',
    value: columns.sensitiveAsFeatures ? `${sensitive} (also used as features)` : sensitive,
  });
  if (columns.weight !== undefined) facts.push({ label: 'Weight column', value: columns.weight });
  return facts;
}

export function configurationFacts(config: RunConfigRecord): Fact[] {
  const { dataset, training } = config;
  return [
    {
      label: 'Dataset',
      value: dataset.path,
      title: `${dataset.format.toUpperCase()}, ${formatCount(dataset.rows)} rows`,
      file: 'dataset',
    },
    { label: 'Dataset SHA-256', value: dataset.sha256.slice(0, 12), title: dataset.sha256 },
    { label: 'Rows', value: formatCount(dataset.rows) },
    {
      label: 'Label',
      value: `${config.columns.label} (favourable class: ${config.positiveClass}; classes: ${config.classes.join(', ')})`,
    },
    ...inputFacts(config),
    { label: 'Model', value: modelText(config) },
    {
      label: 'Training',
      value: `${training.epochs} epochs, batch ${training.batchSize}, ${training.optimizer} at ${training.learningRate}, class weight ${training.classWeight}`,
    },
    { label: 'Split', value: splitText(config) },
    { label: 'Seed', value: String(config.seed) },
  ];
}

export interface BackendBadge {
  /** e.g. "wasm · CPU", "WebGPU · NVIDIA GeForce RTX 3060". */
  text: string;
  device: 'gpu' | 'cpu';
  /** The backend's own description, then why faster ones were skipped. */
  title: string;
}

export function backendBadge(backend: SelectedBackend): BackendBadge {
  return {
    text: backendLabel(backend),
    device: backend.device,
    title: [backend.detail, ...backend.warnings].join('\n'),
  };
}

export interface StatusLine {
  state: RunState;
  /** "Running", "Completed", "Cancelled", "Failed". */
  label: string;
  /** Progress in words, e.g. "epoch 3 of 10". */
  detail: string;
  error?: string;
}

const STATE_LABELS: Record<RunState, string> = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export function statusLine(status: RunStatus): StatusLine {
  const progress = `epoch ${status.epochsCompleted} of ${status.epochs}`;
  const detail =
    status.state === 'running'
      ? status.epochsCompleted === 0
        ? 'preparing the data and the model'
        : `${progress} done`
      : status.state === 'completed'
        ? `${status.epochsCompleted} epochs`
        : `after ${progress}`;
  return {
    state: status.state,
    label: STATE_LABELS[status.state],
    detail,
    ...(status.error ? { error: status.error } : {}),
  };
}
