/** The scan folder's front door: what other folders use of it. */
export { auditText } from './auditAnalyzer';
export { scanFile, type ScanRequest, type ScanScope, scanText } from './scan';
export { DetectionCache } from './sensitiveCells';
export { FileScanQueue, type QueuedFile } from './fileQueue';
