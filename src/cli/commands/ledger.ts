import path from 'node:path';
import {
  loadVerifyKey,
  readLedger,
  verifyLedger,
  type VerifyOptions,
  ledgerPathOf,
  workspaceRootOf,
} from '../../engine/accountability';
import type { LedgerTimelineEntry, LedgerVerification } from '../../shared/ledger';
import { parseFormat } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { FORMAT_OPTION } from './common';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';

export const LEDGER_SPEC = defineCommand({
  usage: 'verify|show [options]',
  description:
    'The tamper-evident record of runs, scans, audits, applied fixes, mitigations and cards. Each line of ' +
    '.rml/ledger.jsonl names the SHA-256 of the line before it: "verify" walks the chain and reports the first broken ' +
    'link (a changed, removed or reordered entry), exit 1; "show" prints the entries. Entries are signed when ' +
    'RML_LEDGER_SIGNING_KEY names an Ed25519 private key PEM as they are written; RML_LEDGER=off writes none.',
  options: {
    ledger: {
      type: 'string',
      value: 'FILE',
      description: 'the ledger',
      default: '.rml/ledger.jsonl of the folder of the nearest .rml.json, else of the working directory',
    },
    'public-key': {
      type: 'string',
      value: 'PEM',
      description: "check each signed entry's Ed25519 signature with this public (or private) key",
      default: 'signatures not checked',
      group: 'Signatures',
    },
    'require-signed': {
      type: 'boolean',
      description: 'with --public-key: an unsigned entry is a break too',
      default: 'off',
      group: 'Signatures',
    },
    'expect-head': {
      type: 'string',
      value: 'SHA256',
      description: 'a head an earlier verify printed: the ledger must still hold that entry (catches truncation)',
      default: 'none',
      group: 'Signatures',
    },
    format: FORMAT_OPTION,
  },
  examples: [
    'rml ledger verify',
    'rml ledger verify --public-key ledger-key.pub.pem --require-signed --format json',
    'rml ledger show --ledger other/.rml/ledger.jsonl',
  ],
  notes: [
    'JSON output (verify): { "ledger", "ok", "entries", "head", "signed", "verified", "firstBreak"?: { "line", "reason" } }. (show): { "ledger", "entries": [ { "line", "hash", "entry": { "v", "seq", "at", "actor", "action", "summary", "inputs", "outputs", "runId"?, "details"?, "prev", "sig"? } } ], "verification" }.',
    'Exit codes: 0 the chain is intact, 1 it is broken (verify), 2 usage or I/O error.',
  ],
});

/** `rml ledger verify|show`. */
export const ledgerCommand: CliCommand = async (args, io) => {
  const [action, ...rest] = args;
  if (action !== 'verify' && action !== 'show')
    throw new UsageError(`expected 'verify' or 'show'\n${usageLine('ledger', LEDGER_SPEC)}`);
  const { values, positionals } = parseCommand(LEDGER_SPEC, rest);
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}'\n${usageLine('ledger', LEDGER_SPEC)}`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const ledger = values.ledger ? path.resolve(io.cwd, values.ledger) : ledgerPathOf(await workspaceRootOf(io.cwd));
  const options = verifyOptions(values, io);
  if (action === 'show') return show(ledger, options, format, io);
  const verification = await verifyLedger(ledger, options);
  io.stdout(format === 'json' ? `${JSON.stringify(verification, null, 2)}\n` : verificationText(verification, io));
  return verification.ok ? EXIT_OK : EXIT_FINDINGS;
};

function verifyOptions(values: Record<string, string | boolean | undefined>, io: CliIo): VerifyOptions {
  const options: VerifyOptions = {};
  if (typeof values['public-key'] === 'string') {
    try {
      options.publicKey = loadVerifyKey(path.resolve(io.cwd, values['public-key']));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (values['require-signed']) {
    if (!options.publicKey) throw new UsageError('--require-signed needs --public-key');
    options.requireSigned = true;
  }
  if (typeof values['expect-head'] === 'string') {
    if (!/^[0-9a-f]{64}$/.test(values['expect-head']))
      throw new UsageError('--expect-head must be a SHA-256 in hex (64 characters)');
    options.expectHead = values['expect-head'];
  }
  return options;
}

async function show(ledger: string, options: VerifyOptions, format: 'text' | 'json', io: CliIo): Promise<number> {
  const { entries, verification } = await readLedger(ledger, options);
  if (format === 'json') io.stdout(`${JSON.stringify({ ledger, entries, verification }, null, 2)}\n`);
  else
    io.stdout(`${entries.map(entryLine).join('\n')}${entries.length ? '\n' : ''}${verificationText(verification, io)}`);
  return EXIT_OK;
}

function entryLine({ line, hash, entry }: LedgerTimelineEntry): string {
  const actor = entry.actor.email ? `${entry.actor.name} <${entry.actor.email}>` : entry.actor.name;
  return `${String(line).padStart(5)}  ${entry.at}  ${entry.action.padEnd(10)} ${entry.summary}  (${actor}; ${hash.slice(0, 12)}${entry.sig ? ', signed' : ''})`;
}

function verificationText(verification: LedgerVerification, io: CliIo): string {
  const shown = path.relative(io.cwd, verification.ledger) || verification.ledger;
  if (!verification.ok && verification.firstBreak) {
    const { line, reason } = verification.firstBreak;
    return `${shown}:${line}: broken: ${reason}\n${verification.entries} entr${verification.entries === 1 ? 'y' : 'ies'} before it are intact.\n`;
  }
  if (verification.entries === 0) return `${shown}: no entries yet\n`;
  const signatures =
    verification.signed > 0
      ? `, ${verification.signed} signed${verification.verified ? ` (${verification.verified} verified)` : ''}`
      : '';
  return `${shown}: intact, ${verification.entries} entr${verification.entries === 1 ? 'y' : 'ies'}${signatures}\nhead ${verification.head}\n`;
}
