import { CARD_CODES } from './accountability';
import { BIAS_CODES } from './bias';
import { COUNTERFACTUAL_CODES } from './counterfactual';
import { SENSITIVE_DATA_CODES } from './detectors';
import { LABEL_CODES } from './labels';
import { PROMPT_CODES } from './prompt';
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

const CATALOGUE = new Map<string, CodeInfo>(
  [
    ...DATA_CODES,
    ...SENSITIVE_DATA_CODES,
    ...PROMPT_CODES,
    ...BIAS_CODES,
    ...CARD_CODES,
    ...COUNTERFACTUAL_CODES,
    ...LABEL_CODES,
  ].map((info) => [info.code, info]),
);

export { FINDING_CODES_DOCS };

export function allCodes(): CodeInfo[] {
  return [...CATALOGUE.values()].map(withDocs).sort((a, b) => a.code.localeCompare(b.code));
}

/** What is known of a code; a code from a newer engine still gets a usable description. */
export function describeCode(code: string): CodeInfo {
  return withDocs(CATALOGUE.get(code) ?? { code, title: code, description: `Finding ${code}.` });
}
