import type { LineFormat } from '../findings';
import type { Packed } from './packing';
import type { ScanRequest } from './request';

/** Files up to this size may be scanned whole in a worker; larger tables are split into chunks instead (scan.ts). */
export const WHOLE_FILE_BYTES = 4 << 20;

/**
 * A file to scan whole in a worker thread: the request as plain data (it crosses a thread). The one function of a
 * request, how findings name another file, is replaced by its answers for the files this one's audit reads.
 */
export interface FileTask {
  path: string;
  request: Omit<
    ScanRequest,
    'displayNameOf' | 'cache' | 'signal' | 'stats' | 'onFinding' | 'lines' | 'workers' | 'chunkBytes'
  >;
  displayNames: Record<string, string>;
  /** The report lines the worker writes its findings as (the request's `lines`), when the caller takes lines. */
  lineFormat?: LineFormat;
}

export interface FileResult {
  /**
   * What the scan found, up to the error if one stopped it (a scan on the caller's thread streams as much), packed
   * (packing.ts): cheaper to send across threads than the objects. With a `lineFormat`, each finding is LINE_MARK
   * and its cut report line (Packer.line) where it could be cut, else the finding.
   */
  findings: Packed;
  error?: string;
}

/** Before a finding packed as its report line, in a FileResult (a finding itself is an object, never a number). */
export const LINE_MARK = -1;
