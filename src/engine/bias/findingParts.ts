import type { Finding, FindingData, Range, Severity } from '../../shared/findings';
import { withDocs, fingerprint } from '../findings';
import { BIAS_CODES } from './codes';
import type { AuditResult } from './types';

// What every audit finding is made of: the file it is in, its code's docs and a fingerprint of its subject.

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface Context {
  result: AuditResult;
  file: string;
  relativePath: string;
}

export function data(context: Context, code: string, subject: string): FindingData {
  const info = withDocs(BIAS_CODES.find((known) => known.code === code) ?? { code, title: code, description: code });
  const result: FindingData = { fingerprint: fingerprint(code, context.relativePath, subject) };
  if (info.helpUri) result.helpUri = info.helpUri;
  return result;
}

export function finding(
  context: Context,
  code: string,
  range: Range,
  severity: Severity,
  message: string,
  subject: string,
): Finding {
  return { file: context.file, range, code, severity, message, data: data(context, code, subject) };
}

export function headerRange(context: Context, column: string): Range {
  return context.result.columns[column] ?? START;
}
