import { outOfScopeFacts } from '../cards/detailsSections';
import { ask, section } from '../cards/markdown';
import { risksSection } from '../cards/riskSections';
import { personal, risks, uses } from '../datasheets/datasheet';
import type { DatasheetEvidence } from '../datasheets/evidence';
import type { RunEvidence } from '../evidence/runEvidence';
import type { CardKind } from './cardKind';
import { normalizeTitle, type Outline } from './outline';
import { requiredSectionById, type RequiredSection } from './requiredSections';

/** What a missing section can be filled from: the run a model card cites, the dataset a dataset card cites. */
export type SnippetEvidence = { run: RunEvidence } | { dataset: DatasheetEvidence } | undefined;

/**
 * The markdown of a required section, filled from the evidence where there is some (the same text a generated
 * card or datasheet has), else its questions for a person. It starts and ends with a blank line.
 */
export function sectionSnippet(
  id: RequiredSection['id'],
  kind: CardKind,
  evidence: SnippetEvidence,
  level: number,
): string {
  const required = requiredSectionById(id)!;
  const body = snippetBody(id, kind, evidence, level);
  return `\n${body ?? section(level, required.title, ask(QUESTIONS[id]))}\n`;
}

const QUESTIONS: Record<RequiredSection['id'], string> = {
  bias: 'known biases, risks and limitations, and what users should do about them.',
  'out-of-scope': 'uses that must not be made of it (decisions it was not evaluated for, misuse).',
  'personal-information':
    'does the data identify people or hold sensitive attributes (health, religion, ethnicity…)? How is it protected?',
};

function snippetBody(
  id: RequiredSection['id'],
  kind: CardKind,
  evidence: SnippetEvidence,
  level: number,
): string | undefined {
  if (!evidence) return undefined;
  const relevel = (markdown: string, from: number) =>
    markdown.replace(
      /^(#+) /gm,
      (_match, hashes: string) => `${'#'.repeat(Math.max(1, hashes.length - from + level))} `,
    );
  if ('run' in evidence && kind === 'model') {
    if (id === 'bias') return relevel(risksSection(evidence.run), 2);
    if (id === 'out-of-scope')
      return section(level, 'Out-of-Scope Use', outOfScopeFacts(evidence.run), ask(QUESTIONS['out-of-scope']));
    return undefined;
  }
  if ('dataset' in evidence) {
    if (id === 'bias') return relevel(risks(evidence.dataset), 2);
    if (id === 'personal-information') return relevel(personal(evidence.dataset), 3);
    const scope = uses(evidence.dataset);
    const start = scope.indexOf('### Out-of-Scope Use');
    return start === -1 ? undefined : relevel(scope.slice(start), 3);
  }
  return undefined;
}

/** Where a missing section goes: the line it is inserted before, and the heading level that fits there. */
export function insertionPoint(outline: Outline, id: RequiredSection['id']): { line: number; level: number } {
  const find = (...titles: string[]) =>
    outline.headings.find((heading) => titles.includes(normalizeTitle(heading.title)));
  const end = { line: outline.lines.length, level: 2 };
  if (id === 'out-of-scope') {
    const usesHeading = find('uses', 'intended use', 'intended uses');
    return usesHeading ? { line: usesHeading.bodyEnd, level: usesHeading.level + 1 } : end;
  }
  if (id === 'personal-information') {
    const parent = find('composition', 'dataset creation');
    return parent ? { line: parent.bodyEnd, level: parent.level + 1 } : end;
  }
  const next = find(
    'how to get started with the model',
    'training details',
    'evaluation',
    'distribution',
    'maintenance',
    'citation',
  );
  return next ? { line: next.line, level: next.level } : end;
}
