/** The tamper-evident ledger `.rml/ledger.jsonl`: append under a lock, verify the chain, sign with Ed25519. */
export { appendLedgerEntry, type AppendedEntry, type AppendOptions } from './append';
export { ledgerActor } from './actor';
export { lineHash, sealEntry, signedText, type LedgerDraft } from './entry';
export { readLedger, verifyLedger, type LedgerReading, type VerifyOptions } from './verify';
export { keyIdOf, loadSigningKey, loadVerifyKey, signingKeyFromEnvironment, SIGNING_KEY_VARIABLE } from './signing';
export { artifactOf, ledgerEnabled, recordInLedger, recordInWorkspace } from './record';
export {
  recordAuditInLedger,
  recordFixInLedger,
  recordMitigationInLedger,
  recordRunInLedger,
  recordScanInLedger,
  ScanInputs,
  type FixRecord,
  type MitigationRecord,
  type ScanRecord,
} from './hooks';
