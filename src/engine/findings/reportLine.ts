import type { Finding, Severity } from '../../shared/findings';
import { cutJsonEntry, joinedEntry } from './jsonEntry';
import { cutSarifTail } from './sarifEntry';

/** The report formats whose one line per finding a scan worker can write (SARIF's: a result after its rule index). */
export type LineFormat = 'text' | 'json' | 'sarif';

/** A finding's line of a text report: `file:line:column: severity code message (evidence)`. */
export function textLine(finding: Finding): string {
  const { line, character } = finding.range.start;
  return `${finding.file}:${line + 1}${textTail(finding, character)}`;
}

/** A finding's entry in a JSON report: JSON.stringify's, made from the pieces of a finding like it where one was met. */
export function jsonLine(finding: Finding): string {
  const cut = cutJsonEntry(finding);
  return cut ? joinedEntry(cut) : JSON.stringify(finding);
}

/** A finding as its report line, written by a scan worker: what a reporter counts, and the line it writes. */
export interface WrittenLine {
  code: string;
  severity: Severity;
  text: string;
}

/**
 * A finding's report line cut where its line numbers go, for a worker that scans a chunk of a file and does not
 * know yet on which line of the file the chunk starts: `pieces[0] + fills[0] + pieces[1] + …`, each fill that is a
 * number a line, moved down by the chunk's start when it is joined (joinLine), each string written as it is.
 * Rendering in the worker spares the thread that merges the chunks the making of each finding's objects (measured
 * in `npm run bench -- scan`), and the pieces of a column's findings are the same strings, packed once a chunk.
 */
export interface CutLine {
  code: string;
  severity: Severity;
  pieces: readonly string[];
  fills: Array<number | string>;
}

/**
 * The report line of `finding` as textLine or jsonLine give it, or its SARIF result after the rule index
 * (sarifEntry.ts), with the range as lineShift.ts's `shifted` makes it, cut at its line numbers; undefined when it
 * cannot be cut (a JSON entry that holds a mark already, a SARIF result of another shape): then the finding
 * crosses as itself.
 */
export function cutLine(format: LineFormat, finding: Finding): CutLine | undefined {
  const { code, severity, range } = finding;
  if (format === 'text')
    return {
      code,
      severity,
      pieces: [fileHead(finding.file), textTail(finding, range.start.character)],
      fills: [range.start.line + 1],
    };
  const cut = format === 'json' ? cutJsonEntry(finding) : cutSarifTail(finding);
  return cut && { code, severity, pieces: cut.pieces, fills: cut.fills };
}

/** The line cutLine cut, each of its line numbers moved down `shift` lines. */
export function joinLine(cut: CutLine, shift: number): WrittenLine {
  let text = cut.pieces[0] ?? '';
  for (let k = 0; k < cut.fills.length; k++) {
    const fill = cut.fills[k]!;
    text += `${typeof fill === 'number' ? fill + shift : fill}${cut.pieces[k + 1] ?? ''}`;
  }
  return { code: cut.code, severity: cut.severity, text };
}

/**
 * A text line after its line number; no hover in a terminal, so the evidence follows the message. The same tail
 * as the finding before in its slot (direct-mapped by the lengths of code and message, and the column) when its
 * parts are the same strings and array: the checks give a column's findings one message and one frozen evidence array (detectors/match.ts),
 * and a string made once is written and packed (scan/packing.ts) as one, for millions of findings.
 */
function textTail(finding: Finding, character: number): string {
  const { severity, code, message } = finding;
  const evidence = finding.data?.evidence;
  const slot = (code.length * 31 + character * 7 + message.length) & (TAIL_SLOTS - 1);
  const known = tailSlots[slot];
  if (
    known &&
    known.evidence === evidence &&
    known.message === message &&
    known.code === code &&
    known.severity === severity &&
    known.character === character
  )
    return known.tail;
  const reasons = evidence?.length ? ` (${evidence.join('; ')})` : '';
  const tail = `:${character + 1}: ${severity} ${code} ${message}${reasons}\n`;
  // Only a frozen array can be trusted to hold the same reasons the next time it is met.
  tailSlots[slot] =
    evidence === undefined || Object.isFrozen(evidence)
      ? { evidence, message, code, severity, character, tail }
      : undefined;
  return tail;
}

const TAIL_SLOTS = 256;
const tailSlots = new Array<
  | {
      evidence: string[] | undefined;
      message: string;
      code: string;
      severity: Severity;
      character: number;
      tail: string;
    }
  | undefined
>(TAIL_SLOTS).fill(undefined);

/** `${file}:`, one string for the findings of a file (packing.ts then stores it once by identity). */
function fileHead(file: string): string {
  if (lastFile !== file) {
    lastFile = file;
    lastHead = `${file}:`;
  }
  return lastHead;
}

let lastFile: string | undefined;
let lastHead = '';
