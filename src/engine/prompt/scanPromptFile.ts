import type { DetectorMatch } from '../detectors/types';
import { detectPromptRisks } from './detect';
import type { PromptKind } from './phraseRules';
import { parsePromptFile, type ParsedPromptFile } from './promptFile';

export interface PromptFileScan {
  parsed: ParsedPromptFile;
  /** Offsets into the whole file. */
  matches: DetectorMatch[];
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
export function scanPromptFile(text: string, fileName: string): PromptFileScan {
  const parsed = parsePromptFile(text, fileName);
  const userInputs = new Set(parsed.inputs.filter((input) => input.userControlled).map((input) => input.name));
  const matches: DetectorMatch[] = [];
  for (const section of parsed.sections) {
    const found = detectPromptRisks(text.slice(section.start, section.end), {
      kind: kindOfRole(section.role),
      role: section.role,
      templateSyntax: parsed.templateSyntax,
      userInputs,
    });
    for (const match of found) matches.push({ ...match, start: match.start + section.start, end: match.end + section.start });
  }
  return { parsed, matches };
}
