import path from 'node:path';
import { writeFileAtomically } from '../../io';
import { RUN_FILES } from '../../../shared/runs';
import type { DatasetScanner } from '../evidence/datasetAudit';
import { gatherRunEvidence, type RunEvidence } from '../evidence/runEvidence';
import { artifactOf, recordInWorkspace } from '../ledger/record';
import type { LedgerLog } from '../ledger/record';
import { workspaceRelative } from '../workspaceRoot';
import { NOT_RECORDED, PERSON_PROMPT } from './markdown';
import { renderModelCard } from './modelCard';

export interface GeneratedDocument {
  /** The file written. */
  file: string;
  /** Questions left for a person, and evidence not recorded. */
  questions: number;
  notRecorded: number;
  /** The ledger entry of the generation, when the ledger is on. */
  ledger?: { line: number; hash: string };
}

export interface GeneratedCard extends GeneratedDocument {
  evidence: RunEvidence;
}

export interface GenerateCardOptions {
  scan?: DatasetScanner;
  /** Default: `MODEL_CARD.md` in the run's folder. */
  out?: string;
  now?: Date;
  log?: LedgerLog;
}

/** Gathers a run's evidence, writes its model card atomically and records the generation in the ledger. */
export async function generateModelCard(runDir: string, options: GenerateCardOptions = {}): Promise<GeneratedCard> {
  const evidence = await gatherCardEvidence(runDir, options);
  const card = renderModelCard(evidence);
  const file = path.resolve(options.out ?? path.join(runDir, RUN_FILES.card));
  await writeFileAtomically(file, card);
  const ledger = await recordCardGeneration(evidence, file, 'model card', options.log);
  return { file, evidence, ...countMarks(card), ...(ledger ? { ledger } : {}) };
}

/** The evidence every card format is written from. */
export function gatherCardEvidence(runDir: string, options: GenerateCardOptions): Promise<RunEvidence> {
  return gatherRunEvidence(runDir, {
    ...(options.scan ? { scan: options.scan } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/** A `card` entry in the ledger: the run's files and its dataset in, the card out. */
export async function recordCardGeneration(
  evidence: RunEvidence,
  file: string,
  what: string,
  log: LedgerLog | undefined,
): Promise<{ line: number; hash: string } | undefined> {
  const root = evidence.workspaceRoot;
  const inputs = await Promise.all(
    [RUN_FILES.config, RUN_FILES.report, RUN_FILES.status].map((name) =>
      artifactOf(root, path.join(evidence.runDir, name)),
    ),
  );
  if (evidence.dataset)
    inputs.push({
      path: evidence.dataset.shownPath,
      ...(evidence.dataset.currentSha256 ? { sha256: evidence.dataset.currentSha256 } : {}),
    });
  const entry = await recordInWorkspace(
    root,
    {
      action: 'card',
      summary: `${what} of run ${evidence.run.id} written to ${workspaceRelative(root, file)}`,
      inputs,
      outputs: [await artifactOf(root, file)],
      runId: evidence.run.id,
      details: { datasetMatches: evidence.dataset?.matches ?? null },
    },
    log,
  );
  return entry ? { line: entry.line, hash: entry.hash } : undefined;
}

export function countMarks(markdown: string): { questions: number; notRecorded: number } {
  return { questions: markdown.split(PERSON_PROMPT).length - 1, notRecorded: markdown.split(NOT_RECORDED).length - 1 };
}
