import type { RmlConfig } from '../../shared/config';
import type { Finding } from '../../shared/findings';
import type { LineFormat, WrittenLine } from '../findings';
import type { DatasetFormat } from '../parse';
import type { EditorOverrides } from './collector';
import type { DetectionCache } from './sensitiveCells';

/** What a scan is asked to do: the document, its config and overrides, what to check, where findings go. */
export type ScanScope = 'all' | 'cells' | 'dataset';

export interface ScanRequest {
  /** Reported in findings: the CLI's path as given, or the server's document URI. */
  file: string;
  /** Relative to the config root with '/' separators: fingerprints depend on it. */
  relativePath: string;
  /** The file on disk, when there is one: checks that read sibling files (train/test leakage) need it. */
  path?: string;
  /** How findings name another file (the CLI: a display path; the server: a URI). Default: the path itself. */
  displayNameOf?: (absolutePath: string) => string;
  /**
   * `cells`: the checks of each value (PII, secrets, prompts, parse errors); `dataset`: whole-dataset statistics
   * (the audit) alone; `all` (default): both. The editor splits them on large documents.
   */
  scope?: ScanScope;
  format: DatasetFormat;
  config: RmlConfig;
  overrides?: EditorOverrides;
  /** A text document that is a prompt (by extension or the `prompts.globs` setting). */
  isPrompt?: boolean;
  /** A model or dataset card: card lint and the PII checks run on it, not the prompt checks. */
  card?: 'model' | 'dataset';
  cache?: DetectionCache;
  /** Aborted when the document changed again: the scan stops at the next chunk. */
  signal?: AbortSignal;
  /**
   * CSV/TSV are read on the bytes, cells made only where a check reads one, and fall back to the full parser for
   * what that path does not read (fastCsv.ts). `false`: the full parser from the start (tests compare the two).
   */
  fastPath?: boolean;
  /**
   * Threads that scan a large CSV/TSV or JSONL file (chunks at record boundaries, merged in file order: the same findings
   * as one thread). Default `RML_SCAN_WORKERS`, else one per core; 1 keeps the scan on the calling thread.
   */
  workers?: number;
  /** Bytes per chunk given to a worker (default 4 MiB, JSONL 1 MiB); tests make it small so boundaries fall everywhere. */
  chunkBytes?: number;
  /** Filled in as the scan goes: which path read the file, in how many chunks (the bench and tests read it). */
  stats?: ScanStats;
  /** Streams findings instead of returning them (bounded memory on huge files). */
  onFinding?: (finding: Finding) => void;
  /**
   * With `onFinding`: findings that worker threads found may come here instead, as the lines of `format` a
   * reporter would write for them (engine/findings/reportLine.ts), in their place among the others.
   */
  lines?: { format: LineFormat; onLine(line: WrittenLine): void };
  /**
   * `false`: nobody reads the findings' fingerprints (a text report), so the checks' findings get none, unless the
   * config ignores some (they are matched by them). Hashing them was 1 s of the 19 s a 1 GB table took.
   */
  fingerprints?: boolean;
}

/** How a scan read its file. */
export interface ScanStats {
  /** 'bytes': the byte-level CSV/TSV path (fastCsv.ts); 'parser': the full parser (from the start, or after it). */
  path?: 'bytes' | 'parser';
  /** Threads that scanned chunks (this one included); 1 when the file was read on this thread alone. */
  threads?: number;
  /** Chunks after the head, and those scanned again because their guessed start was not a record boundary. */
  chunks?: number;
  rescanned?: number;
}
