import type { RecordAnalyzer } from './analyzers';
import { datasetAuditAnalyzer } from './auditFamily';
import type { FindingCollector } from './collector';
import { chatDatasetAnalyzer, promptColumnsAnalyzer, promptFileAnalyzer } from './promptFamilies';
import type { ScanRequest } from './request';
import { scanCellForSensitiveData } from './sensitiveCells';

/**
 * The checks that apply to a document, by format, config and scope: the checks of each value (`cells`) and the
 * whole-dataset audit (`dataset`). New families register here.
 */
export async function analyzersFor(request: ScanRequest, collector: FindingCollector): Promise<RecordAnalyzer[]> {
  const scope = request.scope ?? 'all';
  const analyzers = scope === 'dataset' ? [] : await cellAnalyzers(request, collector);
  const auditWanted = collector.isEnabled('bias') || collector.isEnabled('data');
  if (scope !== 'cells' && request.format !== 'text' && auditWanted) analyzers.push(datasetAuditAnalyzer(request, collector));
  return analyzers;
}

async function cellAnalyzers(request: ScanRequest, collector: FindingCollector): Promise<RecordAnalyzer[]> {
  const analyzers = [sensitiveDataAnalyzer(request, collector)];
  if (request.format === 'text') {
    if (request.isPrompt) analyzers.push(promptFileAnalyzer(request, collector));
    return analyzers;
  }
  analyzers.push(promptColumnsAnalyzer(request, collector));
  if (request.format === 'jsonl' && (collector.isEnabled('dataset') || collector.isEnabled('prompt'))) {
    analyzers.push(await chatDatasetAnalyzer(request, collector));
  }
  return analyzers;
}

function sensitiveDataAnalyzer(request: ScanRequest, collector: FindingCollector): RecordAnalyzer {
  const options = { defaultRegion: request.config.pii?.defaultRegion, cache: request.cache };
  return {
    header: (cells) => cells.forEach((cell) => scanCellForSensitiveData(cell, collector, options)),
    record: (record) => {
      for (const cell of record.cells) scanCellForSensitiveData(cell, collector, options);
    },
  };
}
