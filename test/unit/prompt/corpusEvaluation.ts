import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectPromptRisks, type PromptContext } from '../../../src/engine/prompt/detect';
import type { PromptKind } from '../../../src/engine/prompt/phraseRules';
import type { TemplateSyntax } from '../../../src/engine/prompt/templateVariables';

/** One labelled prompt of the corpus (`test/fixtures/prompts/corpus/*.jsonl`, see its README). */
export interface CorpusItem {
  text: string;
  label: 'risky' | 'benign';
  /** The code a risky item must get; null for benign items. */
  detector: string | null;
  /** Other codes that may fire on it without counting as false positives. */
  also?: string[];
  kind?: PromptKind;
  templateSyntax?: TemplateSyntax;
  source: string;
}

export const CORPUS_DIR = path.resolve(__dirname, '../../fixtures/prompts/corpus');

export function loadCorpus(split: 'dev' | 'holdout'): CorpusItem[] {
  const file = path.join(CORPUS_DIR, `${split}.jsonl`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as CorpusItem;
      } catch (error) {
        throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
      }
    });
}

export interface DetectorScore {
  detector: string;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  perDetector: DetectorScore[];
  benign: number;
  /** Benign items on which any prompt code fired. */
  benignFlagged: number;
  falsePositiveRate: number;
  misses: CorpusItem[];
  falseAlarms: Array<{ item: CorpusItem; codes: string[] }>;
}

function codesFor(item: CorpusItem): Set<string> {
  const context: PromptContext = { kind: item.kind ?? 'user', templateSyntax: item.templateSyntax };
  return new Set(detectPromptRisks(item.text, context).map((match) => match.code));
}

/**
 * Per detector: a true positive is a risky item labelled with it on which it fired; a false positive is any item
 * on which it fired although neither its label nor `also` names it (benign items included).
 */
export function scoreCorpus(items: readonly CorpusItem[]): CorpusScore {
  const fired = items.map((item) => ({ item, codes: codesFor(item) }));
  const detectors = [...new Set(items.flatMap((item) => (item.detector ? [item.detector] : [])))].sort();
  const perDetector = detectors.map((detector) => {
    let truePositives = 0;
    let falseNegatives = 0;
    let falsePositives = 0;
    for (const { item, codes } of fired) {
      const expected = item.detector === detector;
      const tolerated = item.also?.includes(detector) ?? false;
      if (expected && codes.has(detector)) truePositives++;
      else if (expected) falseNegatives++;
      else if (codes.has(detector) && !tolerated) falsePositives++;
    }
    const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
    const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
    return { detector, truePositives, falseNegatives, falsePositives, precision, recall };
  });
  const benign = fired.filter(({ item }) => item.label === 'benign');
  const falseAlarms = benign
    .filter(({ codes }) => codes.size > 0)
    .map(({ item, codes }) => ({ item, codes: [...codes] }));
  const misses = fired
    .filter(({ item, codes }) => item.detector !== null && !codes.has(item.detector))
    .map(({ item }) => item);
  return {
    perDetector,
    benign: benign.length,
    benignFlagged: falseAlarms.length,
    falsePositiveRate: benign.length === 0 ? 0 : falseAlarms.length / benign.length,
    misses,
    falseAlarms,
  };
}
