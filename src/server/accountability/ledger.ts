import path from 'node:path';
import { URI } from 'vscode-uri';
import { readLedger, ledgerPathOf } from '../../engine/accountability';
import type { ReadLedgerResult } from '../../shared/protocol';

/** The ledger of a workspace folder (the first one by default), with its chain verified. */
export async function readWorkspaceLedger(
  folderUri: string | undefined,
  folders: readonly string[],
): Promise<ReadLedgerResult> {
  const folder = folderUri ? URI.parse(folderUri).fsPath : folders[0];
  if (!folder) throw new Error('no workspace folder is open: the ledger lives in <folder>/.rml/ledger.jsonl');
  if (folderUri && !folders.some((known) => path.resolve(known) === path.resolve(folder)))
    throw new Error(`${folder} is not a folder of this workspace`);
  const ledger = ledgerPathOf(folder);
  const { entries, verification } = await readLedger(ledger);
  return {
    folderUri: URI.file(folder).toString(),
    ledgerUri: URI.file(ledger).toString(),
    timeline: { ledger: ledger, entries, verification },
  };
}
