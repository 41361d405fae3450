/**
 * The accountability ledger `.rml/ledger.jsonl`: one JSON entry per line, each naming the SHA-256 of the line
 * before it, so a changed, removed or reordered entry breaks the chain. Written by the engine (runs, scans, audits,
 * fixes, mitigations, cards), verified by `rml ledger verify`, shown by the ledger panel. Plain types: the webview
 * imports them too.
 */

/** The ledger's place inside the workspace's `.rml/` folder. */
export const LEDGER_FILE_NAME = 'ledger.jsonl';

/** `prev` of the first entry: there is no line before it. */
export const LEDGER_GENESIS = '0'.repeat(64);

export type LedgerAction = 'run' | 'scan' | 'audit' | 'fix' | 'mitigation' | 'card' | 'datasheet';

/** A file an action read or wrote, with its content hash when it could be read. */
export interface LedgerArtifact {
  /** Relative to the workspace root with '/' separators (absolute when outside it). */
  path: string;
  sha256?: string;
  bytes?: number;
}

/** Who did it: git's `user.name`/`user.email` of the workspace, else the operating-system user. */
export interface LedgerActor {
  name: string;
  email?: string;
  source: 'git' | 'os';
}

/** An Ed25519 signature over the entry's line without its `sig` field. */
export interface LedgerSignature {
  alg: 'ed25519';
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER): which key signed. */
  keyId: string;
  /** Base64. */
  value: string;
}

export interface LedgerEntry {
  v: 1;
  /** 1-based position in the ledger. */
  seq: number;
  /** ISO 8601 time of the action. */
  at: string;
  actor: LedgerActor;
  action: LedgerAction;
  /** One line for people (the timeline shows it). */
  summary: string;
  inputs: LedgerArtifact[];
  outputs: LedgerArtifact[];
  /** The training run the action is about, when there is one. */
  runId?: string;
  /** Figures of the action (finding counts, accuracy, disparities…), JSON values only. */
  details?: Record<string, unknown>;
  /** SHA-256 (hex) of the previous line's text, `LEDGER_GENESIS` for the first entry. */
  prev: string;
  sig?: LedgerSignature;
}

/** Where a ledger's chain first breaks: the 1-based line and why. */
export interface LedgerBreak {
  line: number;
  reason: string;
}

export interface LedgerVerification {
  ledger: string;
  ok: boolean;
  entries: number;
  /** SHA-256 of the last line: record it elsewhere to detect a later truncation. */
  head: string | null;
  signed: number;
  /** Signatures checked against the public key given (0 without one). */
  verified: number;
  firstBreak?: LedgerBreak;
}

/** One entry as the timeline shows it: its line and hash beside it. */
export interface LedgerTimelineEntry {
  line: number;
  hash: string;
  entry: LedgerEntry;
}

export interface LedgerTimeline {
  /** The ledger file, for people. */
  ledger: string;
  entries: LedgerTimelineEntry[];
  verification: LedgerVerification;
}
