import type { CardKind } from './cardKind';
import { lintCard } from './cardLint';
import type { CardFinding } from './findings';

/**
 * Card lint as a family of the scan (registered in src/engine/scan/families.ts). Its parameters are the parts of
 * the scan's request and collector it uses, declared structurally: this folder does not import the scan.
 */
export interface CardLintRequest {
  card?: CardKind;
  path?: string;
}

export interface CardLintCollector {
  isEnabled(code: string): boolean;
  add(finding: CardFinding): void;
}

export function cardLintAnalyzer(request: CardLintRequest, collector: CardLintCollector) {
  let text = '';
  return {
    record(record: { cells: ReadonlyArray<{ value: string }> }): void {
      text = record.cells[0]?.value ?? '';
    },
    async finish(): Promise<void> {
      if (!request.card || !collector.isEnabled('card')) return;
      for (const finding of await lintCard(text, {
        kind: request.card,
        ...(request.path ? { path: request.path } : {}),
      }))
        collector.add(finding);
    },
  };
}
