import path from 'node:path';
import { writeFileAtomically } from '../../io';
import { countMarks, type GeneratedDocument } from '../cards/generate';
import { artifactOf, recordInWorkspace, type LedgerLog } from '../ledger/record';
import { workspaceRelative } from '../workspaceRoot';
import { renderDatasheet } from './datasheet';
import { gatherDatasetEvidence, type DatasheetEvidence, type DatasheetOptions } from './evidence';

export interface GeneratedDatasheet extends GeneratedDocument {
  evidence: DatasheetEvidence;
}

/** `data/loans.csv` → `data/loans.datasheet.md`: beside the data, one per dataset, recognised by card lint. */
export function defaultDatasheetPath(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.datasheet.md`);
}

/** Audits and scans a dataset, writes its datasheet atomically and records it in the ledger. */
export async function generateDatasheet(
  file: string,
  options: DatasheetOptions & { out?: string; log?: LedgerLog },
): Promise<GeneratedDatasheet> {
  const evidence = await gatherDatasetEvidence(file, options);
  const markdown = renderDatasheet(evidence);
  const out = path.resolve(options.out ?? defaultDatasheetPath(evidence.file));
  await writeFileAtomically(out, markdown);
  const root = evidence.workspaceRoot;
  const entry = await recordInWorkspace(
    root,
    {
      action: 'datasheet',
      summary: `datasheet of ${evidence.shownPath} written to ${workspaceRelative(root, out)}`,
      inputs: [{ path: evidence.shownPath, sha256: evidence.sha256, bytes: evidence.bytes }],
      outputs: [await artifactOf(root, out)],
      details: { rows: evidence.audit?.rows ?? null, findings: evidence.findings?.total ?? null },
    },
    options.log,
  );
  return {
    file: out,
    evidence,
    ...countMarks(markdown),
    ...(entry ? { ledger: { line: entry.line, hash: entry.hash } } : {}),
  };
}
