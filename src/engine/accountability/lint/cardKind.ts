import { frontMatterOf } from './frontMatter';

/** Model cards and dataset cards, by name and, for a README, by what its start says it is. */
export type CardKind = 'model' | 'dataset';

const MODEL_CARD_NAMES = new Set(['model_card.md', 'modelcard.md', 'model-card.md']);
const DATASET_CARD_NAMES = new Set([
  'datasheet.md',
  'dataset_card.md',
  'datasetcard.md',
  'dataset-card.md',
  'data_card.md',
  'datacard.md',
]);

/** `loans.datasheet.md` (what `rml datasheet` writes beside a dataset), `v2.model-card.md`. */
const MODEL_CARD_SUFFIXES = ['.model-card.md', '.modelcard.md', '.model_card.md'];
const DATASET_CARD_SUFFIXES = ['.datasheet.md', '.dataset-card.md', '.dataset_card.md'];

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).toLowerCase();
}

/** Whether the file's name makes it a card candidate: its start must be read to decide (a README). */
export function mayBeCard(fileName: string): boolean {
  const name = baseName(fileName);
  return name === 'readme.md' || cardKindOf(fileName, '') !== undefined;
}

// Hugging Face metadata keys that only model cards or only dataset cards carry.
const MODEL_KEYS = /^(model-index|library_name|pipeline_tag|base_model):/m;
const DATASET_KEYS = /^(task_categories|size_categories|dataset_info|annotations_creators|source_datasets):/m;

/**
 * `MODEL_CARD.md` and friends are model cards, `DATASHEET.md` and friends dataset cards; a `README.md` is one
 * only when its YAML front matter or its title says so (a project README is not linted). `head` is the start
 * of the text (a few KB).
 */
export function cardKindOf(fileName: string, head: string): CardKind | undefined {
  const name = baseName(fileName);
  if (MODEL_CARD_NAMES.has(name) || MODEL_CARD_SUFFIXES.some((suffix) => name.endsWith(suffix))) return 'model';
  if (DATASET_CARD_NAMES.has(name) || DATASET_CARD_SUFFIXES.some((suffix) => name.endsWith(suffix))) return 'dataset';
  if (name !== 'readme.md') return undefined;
  // The head may end before the front matter does (a long model-index): then all of it is metadata.
  const opensFrontMatter = head.replace(/^\uFEFF/, '').startsWith('---');
  const metadata = opensFrontMatter ? (frontMatterOf(head)?.yaml ?? head) : '';
  if (MODEL_KEYS.test(metadata)) return 'model';
  if (DATASET_KEYS.test(metadata)) return 'dataset';
  if (/^#\s+Model Card\b/im.test(head)) return 'model';
  if (/^#\s+(Dataset Card|Datasheet)\b/im.test(head)) return 'dataset';
  return undefined;
}
