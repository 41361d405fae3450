import ignore from 'ignore';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeHead, type DatasetFormat } from '../parse';
import { PROMPT_LANGUAGE_ID } from '../../shared/languages';
import { cardKindOf, mayBeCard, type CardKind } from '../accountability';

export interface FileKind {
  format: DatasetFormat;
  isPrompt: boolean;
  /** A model or dataset card (markdown): card lint checks it. */
  card?: CardKind;
}

const DATASET_EXTENSIONS: Record<string, DatasetFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
};
const DATASET_LANGUAGES: Record<string, DatasetFormat> = { csv: 'csv', tsv: 'tsv', jsonl: 'jsonl', json: 'json' };
const PROMPT_EXTENSIONS = new Set(['.prompt', '.prompty']);
const PROSE_EXTENSIONS = new Set(['.md', '.txt', '.markdown']);
export const DEFAULT_PROMPT_GLOBS = ['**/prompts/**'];

/** Matches a path relative to the config root against gitignore-style prompt globs. */
export type PromptMatcher = (relativePath: string) => boolean;

export function promptMatcher(globs: readonly string[] | undefined): PromptMatcher {
  const rules = ignore().add([...(globs ?? DEFAULT_PROMPT_GLOBS)]);
  return (relativePath) => relativePath !== '' && !relativePath.startsWith('..') && rules.ignores(relativePath);
}

/**
 * What a file is to the scanner, or undefined when it is not ours. Prompts are `.prompt`/`.prompty` files
 * and prose files under the prompt globs. A `.json` file is a dataset only when it holds an array
 * (package.json and friends are not datasets), unless it was named explicitly.
 * `head` is the start of the file's text (a few KB is enough).
 */
export function kindOf(options: {
  fileName: string;
  relativePath: string;
  isPromptPath: PromptMatcher;
  head: string;
  languageId?: string;
  explicit?: boolean;
}): FileKind | undefined {
  const extension = path.extname(options.fileName).toLowerCase();
  if (PROMPT_EXTENSIONS.has(extension) || options.languageId === PROMPT_LANGUAGE_ID)
    return { format: 'text', isPrompt: true };
  const format =
    DATASET_EXTENSIONS[extension] ?? (options.languageId ? DATASET_LANGUAGES[options.languageId] : undefined);
  if (format) {
    if (format === 'json' && !options.explicit && !/^\uFEFF?\s*\[/.test(options.head)) return undefined;
    return { format, isPrompt: false };
  }
  const card = cardKindOf(options.fileName, options.head);
  if (card) return { format: 'text', isPrompt: false, card };
  const isProse =
    PROSE_EXTENSIONS.has(extension) || options.languageId === 'markdown' || options.languageId === 'plaintext';
  if (isProse && (options.explicit || options.isPromptPath(options.relativePath)))
    return { format: 'text', isPrompt: true };
  return undefined;
}

/** `kindOf` for a file on disk, reading only its first 4 KB. */
export async function kindOfFile(
  file: string,
  relativePath: string,
  isPromptPath: PromptMatcher,
  explicit: boolean,
): Promise<FileKind | undefined> {
  const quick = kindOf({ fileName: file, relativePath, isPromptPath, head: '[', explicit });
  if (mayBeCard(file))
    return kindOf({ fileName: file, relativePath, isPromptPath, head: await readHead(file), explicit });
  if (!quick || quick.format !== 'json' || explicit) return quick;
  return kindOf({ fileName: file, relativePath, isPromptPath, head: await readHead(file), explicit });
}

async function readHead(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return decodeHead(buffer.subarray(0, bytesRead)); // a UTF-16 JSON array is one too
  } finally {
    await handle.close();
  }
}
