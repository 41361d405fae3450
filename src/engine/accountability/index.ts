/** The accountability folder's front door: what other folders use of it. */
export { generateModelCard } from './cards/generate';
export { generateModelCardToolkit } from './cards/mct/generate';
export { MCT_SCHEMA_VERSION, modelCardToolkitErrors } from './cards/mct/validate';
export { gatherDatasetEvidence } from './datasheets/evidence';
export { generateDatasheet } from './datasheets/generate';
export {
  datasetDelta,
  type DatasetDelta,
  DEFAULT_TOLERANCE,
  diffRuns,
  diffTrees,
  type DisparityChange,
  materializeCommit,
  type Regression,
  repositoryRoot,
  resolveCommit,
  type TreeScan,
} from './diff/index';
export { auditDatasetFile, type DatasetScanner } from './evidence/datasetAudit';
export { gatherRunEvidence } from './evidence/runEvidence';
export { FileHashCache, sha256Text } from './hashing';
export {
  recordAuditInLedger,
  recordFixInLedger,
  recordMitigationInLedger,
  recordRunInLedger,
  recordScanInLedger,
  ScanInputs,
} from './ledger/hooks';
export { loadVerifyKey, verifyLedger, type VerifyOptions } from './ledger/index';
export { ledgerEnabled, recordInLedger } from './ledger/record';
export { readLedger } from './ledger/verify';
export { cardLintAnalyzer } from './lint/analyzer';
export { cardKindOf, mayBeCard } from './lint/cardKind';
export { CARD_CODES } from './lint/codes';
export { citedEvidence } from './lint/evidenceChecks';
export {
  type CardKind,
  findSection,
  outlineOf,
  type RequiredSection,
  requiredSectionById,
  requiredSections,
} from './lint/index';
export { insertionPoint, sectionSnippet, type SnippetEvidence } from './lint/snippets';
export { ledgerPathOf, workspaceRelative, workspaceRootOf } from './workspaceRoot';
