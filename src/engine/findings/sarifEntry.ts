import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../../shared/findings';
import type { JsonEntryCut } from './jsonEntry';

const SARIF_LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** A finding's SARIF result: what `cutSarifTail` writes out directly for most, after the rule index. */
export function sarifResult(finding: Finding, ruleIndex: number) {
  return {
    ruleId: finding.code,
    ruleIndex,
    level: SARIF_LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [
      { physicalLocation: { artifactLocation: { uri: sarifUri(finding.file) }, region: sarifRegion(finding) } },
    ],
    ...(finding.data?.fingerprint ? { partialFingerprints: { 'rmlFingerprint/v1': finding.data.fingerprint } } : {}),
    ...(finding.data?.related?.length
      ? {
          relatedLocations: finding.data.related.map((related, id) => ({
            id,
            message: { text: related.message },
            physicalLocation: { artifactLocation: { uri: sarifUri(related.file) }, region: sarifRegion(related) },
          })),
        }
      : {}),
  };
}

/** SARIF regions are 1-based; an LSP end character is already "one past the last", which is SARIF's endColumn − 1. */
function sarifRegion(located: Pick<Finding, 'range'>) {
  const { start, end } = located.range;
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** Absolute paths become file: URIs; relative ones stay relative (to the working directory), percent-encoded. */
function sarifUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/');
}

/**
 * A finding's SARIF result after its `ruleIndex` (which the report numbers as it meets each code: the thread that
 * writes the report puts `{"ruleId":…,"ruleIndex":…` before it), cut at its line numbers, columns and fingerprint:
 * the members `sarifResult` gives, in its order, written out directly. The findings of a
 * column share the pieces (the level, message and file's URI are those of the finding before when they are the
 * same strings): a 100 MB table's 283,900 results took 0.95 s of the writing thread as objects given to
 * JSON.stringify, 0.38 s of it the URI made anew for each. Undefined for a finding of another shape (related
 * locations, a fingerprint that is not a string, a position that is not a finite number): JSON.stringify then.
 */
export function cutSarifTail(finding: Finding): JsonEntryCut | undefined {
  const { message, file, severity, data } = finding;
  const level = SARIF_LEVELS[severity];
  const fingerprint = data?.fingerprint;
  if (typeof message !== 'string' || typeof file !== 'string' || !level) return undefined;
  if ((fingerprint !== undefined && typeof fingerprint !== 'string') || data?.related?.length) return undefined;
  const { start, end } = finding.range;
  // JSON writes a non-finite number as null.
  if (![start.line, start.character, end.line, end.character].every(Number.isFinite)) return undefined;
  const fills: Array<number | string> = [
    start.line + 1,
    String(start.character + 1),
    end.line + 1,
    String(end.character + 1),
  ];
  const pieces = located.of(level, message, file);
  if (!fingerprint) return { pieces: pieces.plain, fills };
  fills.push(JSON.stringify(fingerprint));
  return { pieces: pieces.fingerprinted, fills };
}

const REGION_PIECES = [',"startColumn":', ',"endLine":', ',"endColumn":'];

/** A result's pieces, with and without a fingerprint, made again only when its level, message or file changes. */
class LocatedPieces {
  private level = '';
  private message: string | undefined;
  private file: string | undefined;
  private uri = '';
  private pieces = { plain: [] as string[], fingerprinted: [] as string[] };

  of(level: string, message: string, file: string): { plain: string[]; fingerprinted: string[] } {
    if (level === this.level && message === this.message && file === this.file) return this.pieces;
    if (file !== this.file) this.uri = JSON.stringify(sarifUri(file));
    this.level = level;
    this.message = message;
    this.file = file;
    const head = `,"level":"${level}","message":{"text":${JSON.stringify(message)}},"locations":[{"physicalLocation":{"artifactLocation":{"uri":${this.uri}},"region":{"startLine":`;
    this.pieces = {
      plain: [head, ...REGION_PIECES, '}}}]}'],
      fingerprinted: [head, ...REGION_PIECES, '}}}],"partialFingerprints":{"rmlFingerprint/v1":', '}}'],
    };
    return this.pieces;
  }
}

const located = new LocatedPieces();
