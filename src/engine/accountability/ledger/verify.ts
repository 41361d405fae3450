import type { KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  LEDGER_GENESIS,
  type LedgerBreak,
  type LedgerEntry,
  type LedgerTimelineEntry,
  type LedgerVerification,
} from '../../../shared/ledger';
import { entryShapeProblem, lineHash, signedText } from './entry';
import { keyIdOf, verifyText } from './signing';

export interface VerifyOptions {
  /** Checks every signed entry against this key. */
  publicKey?: KeyObject;
  /** With a key: an unsigned entry breaks the ledger too. */
  requireSigned?: boolean;
  /** A hash printed by an earlier verify: the ledger must still hold that entry (it may have grown since). */
  expectHead?: string;
  /** Keep the parsed entries (the timeline needs them; `verify` does not). */
  keepEntries?: boolean;
}

export interface LedgerReading {
  verification: LedgerVerification;
  entries: LedgerTimelineEntry[];
}

/**
 * Reads a ledger line by line and checks the chain: each line parses as an entry, `prev` is the SHA-256 of the
 * line before, `seq` is its position, and signatures verify. The first problem stops the check and is reported
 * with its line; entries before it are trustworthy. A missing ledger is an empty, intact one.
 */
export async function readLedger(ledger: string, options: VerifyOptions = {}): Promise<LedgerReading> {
  const state = new ChainCheck(ledger, options);
  if (!(await exists(ledger))) return state.result();
  let pending = '';
  for await (const chunk of createReadStream(ledger, { encoding: 'utf8' })) {
    const parts = (pending + (chunk as string)).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) if (!state.line(part)) return state.result();
  }
  if (pending !== '')
    state.fail(state.lineNumber + 1, 'incomplete last line (a write was interrupted): it is not part of the chain');
  return state.result();
}

export async function verifyLedger(ledger: string, options: VerifyOptions = {}): Promise<LedgerVerification> {
  return (await readLedger(ledger, { ...options, keepEntries: false })).verification;
}

class ChainCheck {
  lineNumber = 0;
  private previous = LEDGER_GENESIS;
  private intact = 0;
  private signed = 0;
  private verified = 0;
  private sawExpectedHead = false;
  private firstBreak: LedgerBreak | undefined;
  private readonly entries: LedgerTimelineEntry[] = [];

  constructor(
    private readonly ledger: string,
    private readonly options: VerifyOptions,
  ) {}

  /** Checks one line; false once the chain is broken. */
  line(text: string): boolean {
    const line = ++this.lineNumber;
    const entry = this.parse(text, line);
    if (!entry) return false;
    if (entry.prev !== this.previous) {
      const before =
        line === 1
          ? 'the first entry must name no line before it'
          : `line ${line - 1} was changed, or an entry was removed or moved`;
      return this.fail(line, `'prev' does not match the SHA-256 of the line before: ${before}`);
    }
    if (entry.seq !== line)
      return this.fail(line, `entry number ${entry.seq} where ${line} was expected: an entry was removed or moved`);
    if (!this.checkSignature(entry, line)) return false;
    const hash = lineHash(text);
    if (this.options.expectHead === hash) this.sawExpectedHead = true;
    if (this.options.keepEntries !== false) this.entries.push({ line, hash, entry });
    this.previous = hash;
    this.intact++;
    return true;
  }

  private parse(text: string, line: number): LedgerEntry | undefined {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.fail(line, `not valid JSON (${(error as Error).message})`);
      return undefined;
    }
    const problem = entryShapeProblem(value);
    if (problem) {
      this.fail(line, `not a ledger entry: ${problem}`);
      return undefined;
    }
    return value as LedgerEntry;
  }

  private checkSignature(entry: LedgerEntry, line: number): boolean {
    if (entry.sig) this.signed++;
    const key = this.options.publicKey;
    if (!key) return true;
    if (!entry.sig) return this.options.requireSigned ? this.fail(line, 'not signed') : true;
    if (entry.sig.keyId !== keyIdOf(key))
      return this.fail(line, `signed by key ${entry.sig.keyId}, not by the given key ${keyIdOf(key)}`);
    if (!verifyText(signedText(entry), entry.sig, key))
      return this.fail(line, 'the signature does not verify: the entry was changed after it was signed');
    this.verified++;
    return true;
  }

  fail(line: number, reason: string): false {
    this.firstBreak ??= { line, reason };
    return false;
  }

  result(): LedgerReading {
    if (!this.firstBreak && this.options.expectHead !== undefined && !this.sawExpectedHead) {
      this.fail(
        this.lineNumber,
        `no entry has the expected hash ${this.options.expectHead}: the ledger was truncated or rewritten`,
      );
    }
    const head = this.firstBreak ? null : this.lineNumber === 0 ? null : this.previous;
    const verification: LedgerVerification = {
      ledger: this.ledger,
      ok: this.firstBreak === undefined,
      entries: this.intact,
      head,
      signed: this.signed,
      verified: this.verified,
      ...(this.firstBreak ? { firstBreak: this.firstBreak } : {}),
    };
    return { verification, entries: this.entries };
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
