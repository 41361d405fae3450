import { detectPromptRisks, type PromptContext } from '../../../src/engine/prompt/detect';
import type { DetectorMatch } from '../../../src/engine/detectors/types';

/** The matches of one code, for assertions. */
export function matchesOf(code: string, text: string, context: PromptContext = { kind: 'user' }): DetectorMatch[] {
  return detectPromptRisks(text, context).filter((match) => match.code === code);
}

/** The text each match covers. */
export function covered(text: string, matches: readonly DetectorMatch[]): string[] {
  return matches.map((match) => text.slice(match.start, match.end));
}
