import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXPERIMENTS_DIR, externalExamples } from '../../fixtures/prompts/corpus/build/external';
import { detectPromptRisks } from '../../../src/engine/prompt/detect';
import { SCORER_CODES } from '../../../src/engine/prompt/scorer/findings';

// What the corpus tests share: a split's committed rows, their texts, and the attack rules that fire on a text.

/** The rows of a committed JSONL split, as plain objects (to compare with what its generator makes). */
export function committedRows(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

export function texts(file: string): string[] {
  return (committedRows(file) as Array<{ text: string }>).map((row) => row.text);
}

const ATTACK_CODES: ReadonlySet<string> = new Set(SCORER_CODES);

/** The ids of the attack rules (not the scorer) that fire on `text` as a user message. */
export function attackRulesOn(text: string): string[] {
  return detectPromptRisks(text, { kind: 'user' })
    .filter(
      (match) => ATTACK_CODES.has(match.code) && (match.data as { detector?: string }).detector !== 'prompt-scorer',
    )
    .map((match) => String((match.data as { rule?: string }).rule));
}

/** The external rows' texts, of external/ and of every experiment file, all splits. */
export function externalTexts(): string[] {
  const experiments = readdirSync(EXPERIMENTS_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => path.join(EXPERIMENTS_DIR, name));
  return Object.values(externalExamples(undefined, experiments)).flatMap((rows) => rows.map((row) => row.text));
}

/** The texts of `split` that also occur (case and outer spaces aside) among `others`. */
export function sharedTexts(split: readonly string[], others: readonly string[]): string[] {
  const fold = (text: string) => text.trim().toLowerCase();
  const seen = new Set(others.map(fold));
  return split.filter((text) => seen.has(fold(text)));
}
