import type { KeyObject } from 'node:crypto';
import type { LedgerAction, LedgerActor, LedgerArtifact, LedgerEntry } from '../../../shared/ledger';
import { sha256Text } from '../hashing';
import { signText } from './signing';

/** What an action tells the ledger; the ledger adds the position, time, actor and chain link. */
export interface LedgerDraft {
  action: LedgerAction;
  summary: string;
  inputs?: LedgerArtifact[];
  outputs?: LedgerArtifact[];
  runId?: string;
  details?: Record<string, unknown>;
}

export interface SealOptions {
  seq: number;
  prev: string;
  actor: LedgerActor;
  at: string;
  signingKey?: KeyObject;
}

/**
 * The line of a new entry. Its signature (when a key is given) covers the line without `sig`, and `sig` comes
 * last, so `JSON.stringify` of the parsed entry minus `sig` gives back exactly the text that was signed.
 */
export function sealEntry(draft: LedgerDraft, options: SealOptions): string {
  const entry: LedgerEntry = {
    v: 1,
    seq: options.seq,
    at: options.at,
    actor: options.actor,
    action: draft.action,
    summary: draft.summary,
    inputs: draft.inputs ?? [],
    outputs: draft.outputs ?? [],
    ...(draft.runId !== undefined ? { runId: draft.runId } : {}),
    ...(draft.details !== undefined ? { details: draft.details } : {}),
    prev: options.prev,
  };
  const unsigned = JSON.stringify(entry);
  if (!options.signingKey) return unsigned;
  return JSON.stringify({ ...entry, sig: signText(unsigned, options.signingKey) });
}

/** The text a signature covers: the entry without its `sig` field. */
export function signedText(entry: LedgerEntry): string {
  const { sig: _sig, ...rest } = entry;
  return JSON.stringify(rest);
}

/** The chain hash of a line: SHA-256 of its exact text, without the newline. */
export function lineHash(line: string): string {
  return sha256Text(line);
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Why a parsed value is not a ledger entry, or undefined when it is one. */
export function entryShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const entry = value as Partial<LedgerEntry>;
  if (entry.v !== 1) return "'v' is not 1";
  if (!Number.isInteger(entry.seq)) return "'seq' is not an integer";
  if (typeof entry.at !== 'string') return "'at' is missing";
  if (typeof entry.action !== 'string') return "'action' is missing";
  if (typeof entry.prev !== 'string' || !HEX64.test(entry.prev)) return "'prev' is not a SHA-256";
  if (!Array.isArray(entry.inputs) || !Array.isArray(entry.outputs)) return "'inputs' or 'outputs' is not a list";
  return undefined;
}
