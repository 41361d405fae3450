import type { Finding, Range } from '../../shared/findings';
import { cardLintAnalyzer } from '../accountability';
import type { ChatSequence } from '../chat/index';
import type { RecordAnalyzer } from './analyzers';
import { datasetAuditAnalyzer, type DatasetAuditAnalyzer } from './auditAnalyzer';
import type { FindingCollector } from './collector';
import {
  chatDatasetAnalyzer,
  promptColumnChecks,
  promptColumnsAnalyzer,
  promptFileAnalyzer,
  type PromptColumnChecks,
} from './promptAnalyzers';
import type { ScanRequest } from './request';
import { scanCellForSensitiveData, type SensitiveCellOptions } from './sensitiveCells';

/**
 * The analyzers of a document, in the order they see each record, and for a table the parts a scanner that makes
 * cells only where needed (fastCsv.ts) drives itself: it must call them in this same order.
 */
export interface AnalyzerSet {
  analyzers: RecordAnalyzer[];
  /** Only the checks of each value and the audit, nothing that needs every cell of every record. */
  tableParts?: {
    sensitiveData?: SensitiveCellOptions;
    promptColumns?: PromptColumnChecks;
    audit?: DatasetAuditAnalyzer;
  };
  /** Of a JSONL file: the parts that need every record in file order (a scan in chunks feeds them here). */
  ordered?: OrderedParts;
}

/**
 * The parts of a JSONL file's checks that carry state from record to record. A chunk scanned on another thread
 * (jsonlChunkScan.ts) gets stand-ins that hand their calls back, to be replayed into the real ones in file order.
 */
export interface OrderedParts {
  chat?: ChatSequence;
  audit?: DatasetAuditAnalyzer;
}

/**
 * The checks that apply to a document, by format, config and scope: the checks of each value (`cells`) and the
 * whole-dataset audit (`dataset`). New analyzers register here.
 */
export async function analyzersFor(request: ScanRequest, collector: FindingCollector): Promise<RecordAnalyzer[]> {
  return (await analyzerSetFor(request, collector)).analyzers;
}

/** `standIns`: a JSONL chunk's, in place of the ordered parts (see `OrderedParts`). */
export async function analyzerSetFor(
  request: ScanRequest,
  collector: FindingCollector,
  standIns?: Required<OrderedParts>,
): Promise<AnalyzerSet> {
  const scope = request.scope ?? 'all';
  if (request.card)
    return {
      analyzers:
        scope === 'dataset'
          ? []
          : [
              sensitiveDataAnalyzer(
                { defaultRegion: request.config.pii?.defaultRegion, cache: request.cache },
                collector,
              ),
              cardLintAnalyzer(request, collector),
            ],
    };
  const duplicates = new DuplicateExamples();
  const cells =
    scope === 'dataset'
      ? { analyzers: [], tableParts: {} }
      : await cellAnalyzers(request, collector, duplicates, standIns?.chat);
  const auditWanted = collector.isEnabled('bias') || collector.isEnabled('data');
  if (scope === 'cells' || request.format === 'text' || !auditWanted) return cells;
  const audit = standIns?.audit ?? datasetAuditAnalyzer(request, collector, duplicates.reportedAlready);
  return {
    analyzers: [...cells.analyzers, audit],
    tableParts: cells.tableParts ? { ...cells.tableParts, audit } : undefined,
    ...(request.format === 'jsonl' ? { ordered: { ...cells.ordered, audit } } : {}),
  };
}

/**
 * Rows of a chat dataset that the chat checks reported as duplicate examples: the audit's exact-duplicate finding
 * on the same row says the same thing, so it is left out (one finding per duplicate, the one that knows chats).
 */
class DuplicateExamples {
  private readonly rows = new Set<string>();

  readonly note = (finding: Finding): void => {
    if (finding.code === 'dataset/duplicate-example') this.rows.add(rangeKey(finding.range));
  };

  readonly reportedAlready = (finding: Finding): boolean =>
    finding.code === 'data/duplicate-row' && this.rows.has(rangeKey(finding.range));
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

async function cellAnalyzers(
  request: ScanRequest,
  collector: FindingCollector,
  duplicates: DuplicateExamples,
  chatStandIn?: ChatSequence,
): Promise<AnalyzerSet> {
  const sensitiveData = { defaultRegion: request.config.pii?.defaultRegion, cache: request.cache };
  const analyzers = [sensitiveDataAnalyzer(sensitiveData, collector)];
  if (request.format === 'text') {
    if (request.isPrompt) analyzers.push(promptFileAnalyzer(request, collector));
    return { analyzers };
  }
  analyzers.push(promptColumnsAnalyzer(request, collector));
  if (request.format === 'jsonl' && (collector.isEnabled('dataset') || collector.isEnabled('prompt'))) {
    const chat = await chatDatasetAnalyzer(request, collector, duplicates.note, chatStandIn);
    analyzers.push(chat.analyzer);
    return { analyzers, ordered: { chat: chat.sequence } };
  }
  // chunkScan.ts builds the same parts for a worker's chunk: keep the two alike.
  return { analyzers, tableParts: { sensitiveData, promptColumns: promptColumnChecks(request, collector) } };
}

function sensitiveDataAnalyzer(options: SensitiveCellOptions, collector: FindingCollector): RecordAnalyzer {
  return {
    header: (cells) => cells.forEach((cell) => scanCellForSensitiveData(cell, collector, options)),
    record: (record) => {
      for (const cell of record.cells) scanCellForSensitiveData(cell, collector, options);
    },
  };
}
