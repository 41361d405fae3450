import type { CodeInfo } from '../shared/findings';
import { FINDING_CODES_DOCS, withDocs } from './findings';

/** Every finding code the engine can report, with what the README, hovers and SARIF rules say of it. */
export type { CodeInfo } from '../shared/findings';

const DATA_CODES: CodeInfo[] = [
  {
    code: 'data/parse-error',
    title: 'Malformed dataset',
    description:
      'The file could not be read as its format says (unterminated quote, ragged row, bad JSON line, invalid UTF-8, binary content, oversized field, empty file). The rest of the file is still scanned.',
  },
  {
    code: 'data/too-large',
    title: 'Too large to analyse as you type',
    description:
      'The document is larger than responsibleML.maxFileSizeMB; "Scan Workspace" and the CLI stream it from disk instead.',
  },
  {
    code: 'data/analysis-timeout',
    title: 'Analysis stopped: over its time budget',
    description:
      'Analysing this document took longer than responsibleML.analysisTimeoutSeconds, so it was stopped; the findings shown are from its last complete analysis. The rest of the editor was not held up. Scan it with `rml scan` to see where the time goes, and report the file.',
  },
  {
    code: 'config/invalid',
    title: 'Invalid .rml.json',
    description: 'The workspace config file does not match its schema; the defaults apply until it is fixed.',
  },
];

/**
 * The catalogue, gathered on first use: each folder's table comes through its front door, and the counterfactual
 * and accountability folders load training and tokenizers with it (about 110 ms). A synchronous `require` (a
 * lazy module init once bundled) keeps that out of the start-up of `rml scan`, whose text and JSON reports never
 * ask, and of the language server until its first diagnostic.
 */
let catalogue: Map<string, CodeInfo> | undefined;

function theCatalogue(): Map<string, CodeInfo> {
  if (catalogue) return catalogue;
  const tables = [
    DATA_CODES,
    (require('./detectors') as typeof import('./detectors')).SENSITIVE_DATA_CODES,
    (require('./prompt') as typeof import('./prompt')).PROMPT_CODES,
    (require('./bias') as typeof import('./bias')).BIAS_CODES,
    (require('./accountability') as typeof import('./accountability')).CARD_CODES,
    (require('./counterfactual') as typeof import('./counterfactual')).COUNTERFACTUAL_CODES,
    (require('./labels') as typeof import('./labels')).LABEL_CODES,
  ];
  catalogue = new Map<string, CodeInfo>(tables.flat().map((info) => [info.code, info]));
  return catalogue;
}

export { FINDING_CODES_DOCS };

export function allCodes(): CodeInfo[] {
  return [...theCatalogue().values()].map(withDocs).sort((a, b) => a.code.localeCompare(b.code));
}

/** What is known of a code; a code from a newer engine still gets a usable description. */
export function describeCode(code: string): CodeInfo {
  return withDocs(theCatalogue().get(code) ?? { code, title: code, description: `Finding ${code}.` });
}
