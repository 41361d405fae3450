import path from 'node:path';
import type { ChatSequence, TokenCounter, TokenizerEncoding } from '../chat/index';
import type { Cell } from '../parse';
import type { Finding } from '../../shared/findings';
import type { RecordAnalyzer } from './analyzers';
import type { FindingCollector } from './collector';
import { anyPromptCheckEnabled } from '../config';
import type { ScanRequest } from './request';
import { admitMatch } from './sensitiveCells';
import { promptColumnChecks } from './promptColumns';

export { DEFAULT_PROMPT_COLUMNS, promptColumnChecks, type PromptColumnChecks } from './promptColumns';

/*
 * The prompt, chat and wording checks are loaded when a document needs them (a synchronous `require`, which
 * esbuild turns into a lazy module init): evaluating their pattern tables and retext costs a `rml scan` of
 * a CSV without text columns about 60 ms of start-up for nothing.
 */
const promptFileChecks = once(() => require('../prompt/scanPromptFile') as typeof import('../prompt/scanPromptFile'));
const promptFileParser = once(() => require('../prompt/promptFile') as typeof import('../prompt/promptFile'));
const languageChecks = once(() => require('../language/inclusive') as typeof import('../language/inclusive'));
const chatChecks = once(() => require('../chat/index') as typeof import('../chat/index'));

/** `load()` on the first call, its result after (a bundled `require` copies the module's exports on every call). */
function once<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

/** A prompt file: each role section checked as its role, then (asynchronously) its wording. */
export function promptFileAnalyzer(request: ScanRequest, collector: FindingCollector): RecordAnalyzer {
  let document: Cell | undefined;
  return {
    record: (record) => {
      document = record.cells[0];
      if (!document) return;
      // With every prompt check off the file is only parsed (its errors are still reported): no check runs.
      const name = path.basename(request.file);
      const { parsed, matches, checkedUpTo } = anyPromptCheckEnabled(collector.isEnabled)
        ? promptFileChecks().scanPromptFile(document.value, name, collector.isEnabled)
        : { parsed: promptFileParser().parsePromptFile(document.value, name), matches: [], checkedUpTo: undefined };
      for (const match of matches) admitMatch(document, match, collector);
      if (checkedUpTo !== undefined) reportPartialCheck(document, checkedUpTo, 'prompt checks', collector);
      for (const issue of parsed.issues) {
        collector.add({
          code: 'data/parse-error',
          range: issue.range,
          severity: 'error',
          message: issue.message,
          subject: issue.message,
        });
      }
    },
    finish: async () => {
      if (!document || !languageEnabled(collector)) return;
      const language = languageChecks();
      const matches = await language.checkInclusiveLanguage(document.value, request.config.language ?? {});
      for (const match of matches) admitMatch(document, match, collector);
      if (document.value.length > language.LANGUAGE_CHECK_LIMIT)
        reportPartialCheck(document, language.LANGUAGE_CHECK_LIMIT, 'wording checks', collector);
    },
  };
}

/** A long document whose checks stopped early says where, instead of looking clean past that point. */
function reportPartialCheck(document: Cell, checkedUpTo: number, what: string, collector: FindingCollector): void {
  const megabytes = (limit: number) => `${(limit / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
  admitMatch(
    document,
    {
      code: 'data/too-large',
      start: checkedUpTo,
      end: Math.min(document.value.length, checkedUpTo + 1),
      confidence: 0.3,
      message: `${what} cover the first ${megabytes(checkedUpTo)} of this ${megabytes(document.value.length)} document; the rest is not checked`,
      evidence: [`${what} stop after ${checkedUpTo} characters of one file`],
    },
    collector,
  );
}

/** Prompt checks on the text columns of a dataset, so a poisoned training row is found too. */
export function promptColumnsAnalyzer(request: ScanRequest, collector: FindingCollector): RecordAnalyzer {
  if (!anyPromptCheckEnabled(collector.isEnabled)) return { record: () => undefined };
  const checks = promptColumnChecks(request, collector);
  const isPromptColumn = memoByColumn(checks.isPromptColumn);
  return {
    record: (record) => {
      for (const cell of record.cells) {
        if (cell.value.length < 8 || !isPromptColumn(cell)) continue;
        checks.check(cell);
      }
    },
  };
}

/**
 * `decide(cell.column)`, remembered per column position: a row's cells carry the same column name strings row
 * after row, so the answer is found by an identity check instead of lower-casing a name per cell.
 */
function memoByColumn(decide: (column: string) => boolean): (cell: Cell) => boolean {
  const names: string[] = [];
  const answers: boolean[] = [];
  return (cell) => {
    const index = cell.columnIndex;
    if (names[index] === cell.column) return answers[index] ?? false;
    const answer = decide(cell.column);
    names[index] = cell.column;
    answers[index] = answer;
    return answer;
  };
}

/** One counter per encoding for every scan of this thread (each loads its encoding on first use). */
const tokenCounters = new Map<TokenizerEncoding, TokenCounter>();

/**
 * Chat and prompt/completion JSONL: format, token limits, duplicates, and the prompt checks per message role; with
 * the record-to-record part (`sequence`), or another thread's stand-in for it.
 */
export async function chatDatasetAnalyzer(
  request: ScanRequest,
  collector: FindingCollector,
  onReport: (finding: Finding) => void = () => undefined,
  standIn?: ChatSequence,
): Promise<{ analyzer: RecordAnalyzer; sequence: ChatSequence }> {
  const tokenizerName = request.config.prompts?.tokenizer ?? 'o200k_base';
  let counter = tokenCounters.get(tokenizerName);
  if (!counter) {
    counter = chatChecks().tokenCounter(tokenizerName);
    tokenCounters.set(tokenizerName, counter);
  }
  const validator = chatChecks().validateChatDataset(
    {
      file: request.file,
      relativePath: request.relativePath,
      countTokens: counter,
      tokenizerName,
      maxTokens: request.config.prompts?.maxTokens,
      isEnabled: (code) => collector.isEnabled(code),
      promptChecks: anyPromptCheckEnabled(collector.isEnabled),
      report: (finding) => {
        onReport(finding);
        collector.add(finding);
      },
    },
    standIn,
  );
  return {
    analyzer: { record: (record) => validator.record(record), finish: () => void validator.finish() },
    sequence: validator.sequence,
  };
}

function languageEnabled(collector: FindingCollector): boolean {
  return collector.isEnabled('language/insensitive') || collector.isEnabled('language/profanity');
}
