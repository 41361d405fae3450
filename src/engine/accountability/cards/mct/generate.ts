import path from 'node:path';
import { writeFileAtomically } from '../../../io';
import { RUN_FILES } from '../../../../shared/runs';
import type { RunEvidence } from '../../evidence/runEvidence';
import { gatherCardEvidence, recordCardGeneration, type GenerateCardOptions } from '../generate';
import { modelCardToolkitOf } from './document';
import type { ModelCardToolkitCard } from './types';
import { MCT_SCHEMA_VERSION, modelCardToolkitErrors } from './validate';

export interface GeneratedToolkitCard {
  file: string;
  evidence: RunEvidence;
  card: ModelCardToolkitCard;
  ledger?: { line: number; hash: string };
}

/**
 * Writes a run's card as Model Card Toolkit JSON (default `model_card.json` in the run folder), validated against the
 * vendored schema before it is written, and records the generation in the ledger.
 */
export async function generateModelCardToolkit(
  runDir: string,
  options: GenerateCardOptions = {},
): Promise<GeneratedToolkitCard> {
  const evidence = await gatherCardEvidence(runDir, options);
  const card = modelCardToolkitOf(evidence);
  const errors = modelCardToolkitErrors(card);
  // The document is built from typed fields, so this is a bug of ours, never the user's: refuse to write it.
  if (errors.length)
    throw new Error(
      `the Model Card Toolkit JSON of run ${evidence.run.id} does not validate against schema v${MCT_SCHEMA_VERSION} (${errors.join('; ')}); nothing was written: please report this`,
    );
  const file = path.resolve(options.out ?? path.join(runDir, RUN_FILES.toolkitCard));
  await writeFileAtomically(file, `${JSON.stringify(card, null, 2)}\n`);
  const ledger = await recordCardGeneration(evidence, file, 'Model Card Toolkit JSON', options.log);
  return { file, evidence, card, ...(ledger ? { ledger } : {}) };
}
