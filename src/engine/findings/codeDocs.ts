import type { CodeInfo } from '../../shared/findings';
import { repository } from '../../../package.json';

/**
 * Where a code without a reference page of its own is explained: the README's finding-code table, which a test
 * keeps complete. Diagnostics link it (`codeDescription`), as SARIF rules do (`helpUri`).
 */
export const FINDING_CODES_DOCS = `${repository.url.replace(/\.git$/, '')}#finding-codes`;

/** A code's own reference page, or the README's table. Here, below every folder's codes, so that any can use it. */
export function withDocs(info: CodeInfo): CodeInfo {
  return info.helpUri ? info : { ...info, helpUri: FINDING_CODES_DOCS };
}
