import type { Cell } from '../parse';
import { anyPromptCheckEnabled } from '../config';
import type { FindingCollector } from './collector';
import type { ScanRequest } from './request';
import { admitMatch } from './sensitiveCells';

/*
 * Apart from the other prompt analyzers (promptAnalyzers.ts) so that the scan worker's bundle, which needs only
 * these, leaves out the chat checks and their tokenizer (6 MB a worker would load for nothing).
 * The prompt checks are loaded when a column needs them (a synchronous `require`, a lazy module init once bundled).
 */
let promptChecks: typeof import('../prompt/detect') | undefined;
const loadPromptChecks = () => (promptChecks ??= require('../prompt/detect') as typeof import('../prompt/detect'));

/** Dataset columns whose text gets the prompt checks unless `prompts.textColumns` names others. */
export const DEFAULT_PROMPT_COLUMNS = [
  'prompt',
  'completion',
  'instruction',
  'input',
  'output',
  'response',
  'question',
  'answer',
  'query',
  'system',
  'system_prompt',
  'text',
];

/** The prompt checks of one dataset column's cells (`isPromptColumn` decides by the column's name). */
export interface PromptColumnChecks {
  isPromptColumn(column: string): boolean;
  /** Checks one cell of a prompt column (nothing when every prompt check is off). */
  check(cell: Cell): void;
}

export function promptColumnChecks(request: ScanRequest, collector: FindingCollector): PromptColumnChecks {
  const columns = new Set(
    (request.config.prompts?.textColumns ?? DEFAULT_PROMPT_COLUMNS).map((column) => column.toLowerCase()),
  );
  const enabled = anyPromptCheckEnabled(collector.isEnabled);
  const context = { kind: 'dataset-cell' as const, enabled: collector.isEnabled };
  return {
    isPromptColumn: (column) => enabled && columns.has(column.toLowerCase()),
    check: (cell) => {
      if (!enabled || cell.value.length < 8) return;
      for (const match of loadPromptChecks().detectPromptRisks(cell.value, context)) admitMatch(cell, match, collector);
    },
  };
}
