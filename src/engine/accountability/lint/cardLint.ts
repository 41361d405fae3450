import { FileHashCache } from '../hashing';
import type { CardKind } from './cardKind';
import { evidenceFindings } from './evidenceChecks';
import type { CardFinding } from './findings';
import { outlineOf } from './outline';
import { structureFindings } from './structure';

/** Dataset hashes are remembered across lint runs of the process (by size and mtime): the card is linted on every edit. */
const sharedHashes = new FileHashCache();

export interface CardLintOptions {
  kind: CardKind;
  /** The card on disk; without it the cited run and dataset are not checked. */
  path?: string;
  hashes?: FileHashCache;
}

/** Every card-lint finding of a model or dataset card's text. */
export async function lintCard(text: string, options: CardLintOptions): Promise<CardFinding[]> {
  const outline = outlineOf(text);
  const evidence = await evidenceFindings(text, outline, {
    hashes: options.hashes ?? sharedHashes,
    ...(options.path ? { path: options.path } : {}),
  });
  return [...structureFindings(outline, options.kind), ...evidence];
}
