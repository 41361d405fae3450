import type { CardKind } from './cardKind';
import { lineRange, type CardFinding } from './findings';
import { findSection, requiredSections } from './requiredSections';
import type { Heading, Outline } from './outline';

const KIND_NAMES: Record<CardKind, string> = { model: 'model card', dataset: 'dataset card' };

/** Required sections missing or empty, and template placeholders left in. */
export function structureFindings(outline: Outline, kind: CardKind): CardFinding[] {
  const findings: CardFinding[] = [];
  const anchor = outline.headings.find((heading) => heading.level === 1) ?? outline.headings[0];
  const anchorLine = anchor?.line ?? outline.frontMatter?.lines ?? 0;
  for (const section of requiredSections(kind)) {
    const heading = findSection(outline.headings, section);
    if (!heading) {
      findings.push({
        code: 'card/missing-section',
        range: lineRange(anchorLine, outline.lines[anchorLine] ?? ''),
        severity: 'warning',
        message: `this ${KIND_NAMES[kind]} has no "${section.title}" section: ${section.why}`,
        subject: section.id,
        data: { section: section.id, fixes: ['insert-section'] },
      });
    } else if (isEmpty(outline, heading)) {
      findings.push({
        code: 'card/empty-section',
        range: lineRange(heading.line, outline.lines[heading.line] ?? ''),
        severity: 'warning',
        message: `"${heading.title}" is empty: ${section.why}`,
        subject: section.id,
        data: { section: section.id },
      });
    }
  }
  return [...findings, ...placeholders(outline)];
}

const PLACEHOLDER = '[More Information Needed]';
const TODO_WORD = /\b(?:TODO|TBD|FIXME)\b/g;

/** Nothing but whitespace, headings, HTML comments and placeholders between the heading and the next section. */
function isEmpty(outline: Outline, heading: Heading): boolean {
  const body = outline.lines
    .slice(heading.bodyStart, heading.bodyEnd)
    .filter((line) => !/^\s{0,3}#{1,6}\s/.test(line))
    .join('\n');
  return (
    withoutComments(body)
      .split(PLACEHOLDER)
      .join('')
      .replace(/\{\{[^{}\n]*\}\}/g, '')
      .trim() === ''
  );
}

function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<!--', at);
    if (open === -1) return out + text.slice(at);
    out += text.slice(at, open);
    const close = text.indexOf('-->', open + 4);
    if (close === -1) return out;
    at = close + 3;
  }
}

function placeholders(outline: Outline): CardFinding[] {
  const findings: CardFinding[] = [];
  const first = outline.frontMatter?.lines ?? 0;
  outline.lines.forEach((line, index) => {
    if (index < first || outline.codeLines.has(index)) return;
    const add = (start: number, end: number, what: string, message: string) =>
      findings.push({
        code: 'card/placeholder',
        range: { start: { line: index, character: start }, end: { line: index, character: end } },
        severity: 'information',
        message,
        subject: `${what}\0${line.trim()}`,
      });
    for (let at = line.indexOf(PLACEHOLDER); at !== -1; at = line.indexOf(PLACEHOLDER, at + PLACEHOLDER.length)) {
      add(
        at,
        at + PLACEHOLDER.length,
        PLACEHOLDER,
        `template placeholder "${PLACEHOLDER}": answer it or remove the item`,
      );
    }
    for (let open = line.indexOf('{{'); open !== -1; open = line.indexOf('{{', open + 2)) {
      const close = line.indexOf('}}', open + 2);
      if (close === -1) break;
      add(open, close + 2, line.slice(open, close + 2), `unrendered template variable ${line.slice(open, close + 2)}`);
    }
    for (const match of line.matchAll(TODO_WORD))
      add(match.index, match.index + match[0].length, match[0], `"${match[0]}" left in the card`);
  });
  return findings;
}
