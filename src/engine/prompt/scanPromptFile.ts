import type { DetectorMatch } from '../detectors';
import { detectPromptRisks, mergeOverlapping } from './detect';
import type { PromptKind } from './phraseRules';
import { parsePromptFile, type ParsedPromptFile } from './promptFile';
import { textWindows } from './windows';

/** Sections longer than this are checked in windows (a chat-sized prompt is one window). */
export const PROMPT_WINDOW = 32_768;
/**
 * The prompt checks read at most this much of one file (a prompt is a few kilobytes; a 12 MB markdown file
 * under a prompt glob is prose): the rest is reported as not checked instead of taking minutes.
 */
export const PROMPT_CHECK_LIMIT = 2_000_000;
/** Characters shared by neighbouring windows: longer than any phrase a rule matches. */
const WINDOW_OVERLAP = 1_024;

export interface PromptFileScan {
  parsed: ParsedPromptFile;
  /** Offsets into the whole file. */
  matches: DetectorMatch[];
  /** Set when the file is longer than PROMPT_CHECK_LIMIT: the checks stopped at this offset. */
  checkedUpTo?: number;
}

function kindOfRole(role: string | undefined): PromptKind {
  if (role === 'system' || role === 'developer') return 'system';
  if (role === 'user' || role === 'function' || role === 'tool') return 'user';
  if (role === 'assistant') return 'assistant';
  return 'prompt-file';
}

/**
 * The prompt checks on a `.prompt`, `.prompty` or prompt text file: each role section is checked as its role,
 * with the file's template syntax and the inputs it declares as user-controlled.
 */
export function scanPromptFile(text: string, fileName: string, enabled?: (code: string) => boolean): PromptFileScan {
  const parsed = parsePromptFile(text, fileName);
  const userInputs = new Set(parsed.inputs.filter((input) => input.userControlled).map((input) => input.name));
  const matches: DetectorMatch[] = [];
  for (const section of parsed.sections) {
    const context = {
      kind: kindOfRole(section.role),
      role: section.role,
      templateSyntax: parsed.templateSyntax,
      userInputs,
      enabled,
    };
    const windows = textWindows(text, section.start, section.end, PROMPT_WINDOW, WINDOW_OVERLAP);
    const found: DetectorMatch[] = [];
    for (const window of windows) {
      if (window.start >= PROMPT_CHECK_LIMIT) break;
      for (const match of detectPromptRisks(text.slice(window.start, window.end), context)) {
        found.push({ ...match, start: match.start + window.start, end: match.end + window.start });
      }
    }
    // A phrase inside the overlap of two windows is found twice: once is enough.
    for (const match of windows.length > 1 ? mergeOverlapping(found) : found) matches.push(match);
  }
  return text.length > PROMPT_CHECK_LIMIT ? { parsed, matches, checkedUpTo: PROMPT_CHECK_LIMIT } : { parsed, matches };
}
