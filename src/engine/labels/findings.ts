import type { LabelIssuesReport } from '../../shared/attribution';
import type { CodeInfo, Finding } from '../../shared/findings';
import { fingerprint } from '../findings';
import { parseText } from '../parse';
import type { DatasetFormat } from '../parse';

export const LABEL_ISSUE = 'data/label-issue';

/** Label-issue finding codes; the README's code table is written from this list. */
export const LABEL_CODES: CodeInfo[] = [
  {
    code: LABEL_ISSUE,
    title: 'Label looks wrong',
    description:
      'Confident learning (Northcutt et al. 2021, Cleanlab\u2019s semantics) on out-of-sample predicted probabilities says the given label is probably an error: the model is confident the row belongs to another class, beyond what the class\u2019s noise rate allows. "Change label to …" fixes it as one undoable edit.',
    helpUri: 'https://doi.org/10.1613/jair.1.12125',
  },
];

export interface LabelIssuePlace {
  /** The document the findings are for (a URI in the server, a path in the CLI). */
  file: string;
  /** The file relative to its `.rml.json` root: fingerprints use it. */
  relativeFile: string;
  label: string;
  format: DatasetFormat;
  /** Fingerprints the user chose to ignore. */
  ignored?: ReadonlySet<string>;
}

/**
 * The issues of `report` as findings on the label cells of `text` (the document as it is now): a row whose label
 * was changed since (fixed, or edited) is left out. A fingerprint is the given label and the row's other values,
 * so "Ignore" survives edits elsewhere and rows moving.
 */
export function labelIssueFindings(report: LabelIssuesReport, text: string, place: LabelIssuePlace): Finding[] {
  const { records } = parseText(text, place.format);
  const rows = records.filter((record) => !record.metadata);
  const findings: Finding[] = [];
  for (const issue of report.issues) {
    const cells = rows[issue.row]?.cells ?? [];
    const cell = cells.find((candidate) => candidate.column === place.label);
    if (!cell || cell.value.trim() !== issue.given) continue;
    const subject = [issue.given, ...cells.filter((other) => other !== cell).map((other) => other.value)].join(
      '\u001f',
    );
    const print = fingerprint(LABEL_ISSUE, place.relativeFile, subject);
    if (place.ignored?.has(print)) continue;
    findings.push({
      file: place.file,
      range: { start: cell.start, end: cell.end },
      code: LABEL_ISSUE,
      severity: 'information',
      message: `Label '${issue.given}' looks wrong: the model is confident this row is '${issue.suggested}' (label quality ${issue.score.toFixed(3)})`,
      data: {
        fingerprint: print,
        column: place.label,
        fixes: ['change-label'],
        suggestions: [issue.suggested],
        evidence: [
          `confident learning, ${report.filter}${report.rank ? `, ranked by ${report.rank}` : ''}`,
          `probabilities: ${report.probabilities.source === 'file' ? report.probabilities.file : `${report.probabilities.folds}-fold out of sample (${report.probabilities.model})`}`,
        ],
        helpUri: LABEL_CODES[0]!.helpUri!,
        row: issue.row,
        given: issue.given,
        suggested: issue.suggested,
        score: issue.score,
      },
    });
  }
  return findings;
}
