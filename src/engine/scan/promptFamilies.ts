import path from 'node:path';
import { loadTokenCounter, validateChatDataset, type TokenCounter, type TokenizerEncoding } from '../chat/index';
import { checkInclusiveLanguage } from '../language/inclusive';
import type { Cell } from '../parse/types';
import { detectPromptRisks } from '../prompt/detect';
import { scanPromptFile } from '../prompt/scanPromptFile';
import type { RecordAnalyzer } from './analyzers';
import type { FindingCollector } from './collector';
import type { ScanRequest } from './scan';
import { admitMatch } from './sensitiveCells';

/** Dataset columns whose text gets the prompt checks unless `prompts.textColumns` names others. */
export const DEFAULT_PROMPT_COLUMNS = ['prompt', 'completion', 'instruction', 'input', 'output', 'response', 'question', 'answer', 'query', 'system', 'system_prompt', 'text'];

/** A prompt file: each role section checked as its role, then (asynchronously) its wording. */
export function promptFileAnalyzer(request: ScanRequest, collector: FindingCollector): RecordAnalyzer {
  let document: Cell | undefined;
  return {
    record: (record) => {
      document = record.cells[0];
      if (!document) return;
      const { parsed, matches } = scanPromptFile(document.value, path.basename(request.file));
      for (const match of matches) admitMatch(document, match, collector);
      for (const issue of parsed.issues) {
        collector.add({ code: 'data/parse-error', range: issue.range, severity: 'error', message: issue.message, subject: issue.message });
      }
    },
    finish: async () => {
      if (!document || !languageEnabled(collector)) return;
      for (const match of await checkInclusiveLanguage(document.value, request.config.language ?? {})) admitMatch(document, match, collector);
    },
  };
}

/** Prompt checks on the text columns of a dataset, so a poisoned training row is found too. */
export function promptColumnsAnalyzer(request: ScanRequest, collector: FindingCollector): RecordAnalyzer {
  const columns = new Set((request.config.prompts?.textColumns ?? DEFAULT_PROMPT_COLUMNS).map((column) => column.toLowerCase()));
  const check = (cell: Cell) => {
    if (!columns.has(cell.column.toLowerCase()) || cell.value.length < 8) return;
    for (const match of detectPromptRisks(cell.value, { kind: 'dataset-cell' })) admitMatch(cell, match, collector);
  };
  return { record: (record) => record.cells.forEach(check) };
}

const tokenCounters = new Map<TokenizerEncoding, Promise<TokenCounter>>();

/** Chat and prompt/completion JSONL: format, token limits, duplicates, and the prompt checks per message role. */
export async function chatDatasetAnalyzer(request: ScanRequest, collector: FindingCollector): Promise<RecordAnalyzer> {
  const tokenizerName = request.config.prompts?.tokenizer ?? 'o200k_base';
  let counter = tokenCounters.get(tokenizerName);
  if (!counter) {
    counter = loadTokenCounter(tokenizerName);
    tokenCounters.set(tokenizerName, counter);
  }
  const validator = validateChatDataset({
    file: request.file,
    relativePath: request.relativePath,
    countTokens: await counter,
    tokenizerName,
    maxTokens: request.config.prompts?.maxTokens,
    isEnabled: (code) => collector.isEnabled(code),
    report: (finding) => collector.admit(finding),
  });
  return { record: (record) => validator.record(record), finish: () => void validator.finish() };
}

function languageEnabled(collector: FindingCollector): boolean {
  return collector.isEnabled('language/insensitive') || collector.isEnabled('language/profanity');
}

