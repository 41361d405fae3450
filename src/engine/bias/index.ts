/** The dataset bias audit: streaming accumulators over records, findings, reweighing. */
export { createDatasetAudit, type DatasetAudit } from './audit';
export { auditFindings } from './findings';
export { BIAS_CODES } from './codes';
export { groupTableMarkdown } from './hover';
export { auditTextReport } from './report';
export { reweighingWeights, createRowWeigher, type ReweighingWeights } from './reweighing';
export { reweighingEdit, writeReweighedCsv, reweighingColumnName, type TextEdit } from './reweighedCsv';
export { suggestSensitiveColumn, suggestLabelColumn } from './sensitiveColumns';
export { defaultLexicon, buildLexicon, type IdentityTerm } from './identity/lexicon';
export { IdentityTermMatcher } from './identity/termMatcher';
export * from './types';
export { isWeightColumnName, sensitiveGrouping } from './columnRoles';
export type { ConfiguredValueIssue } from './configuredValues';
export { configValueProblems } from './configValueProblems';
export { RecordIssues } from './rowIssues';
export { looksLikeIdColumn, nameWords } from './sensitiveColumns';
export { usualSplitFiles } from './splits';
export { isMissing } from './values';
