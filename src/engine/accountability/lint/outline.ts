import MarkdownIt from 'markdown-it';
import { frontMatterOf, type FrontMatter } from './frontMatter';

/** A heading of a markdown document and the lines its section spans (until the next heading of its level or higher). */
export interface Heading {
  level: number;
  title: string;
  /** 0-based line of the heading. */
  line: number;
  /** Lines of the section's body: after the heading to the line before the next heading of the same or higher level. */
  bodyStart: number;
  bodyEnd: number;
}

export interface Outline {
  headings: Heading[];
  frontMatter?: FrontMatter;
  /** Lines inside fenced or indented code, where placeholders are examples, not placeholders. */
  codeLines: Set<number>;
  lines: string[];
}

const parser = new MarkdownIt({ html: true });

/**
 * The headings of a card, by markdown-it (CommonMark: a `#` inside a code block is no heading). The front
 * matter is blanked out first, keeping line numbers, so it is never read as markdown.
 */
export function outlineOf(text: string): Outline {
  const lines = text.split(/\r?\n/);
  const frontMatter = frontMatterOf(text);
  const body = frontMatter
    ? [...Array<string>(frontMatter.lines).fill(''), ...lines.slice(frontMatter.lines)].join('\n')
    : text;
  const tokens = parser.parse(body, {});
  const headings: Heading[] = [];
  const codeLines = new Set<number>();
  tokens.forEach((token, index) => {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map)
      for (let line = token.map[0]; line < token.map[1]; line++) codeLines.add(line);
    if (token.type !== 'heading_open' || !token.map) return;
    const inline = tokens[index + 1];
    headings.push({
      level: Number(token.tag.slice(1)),
      title: (inline?.content ?? '').trim(),
      line: token.map[0],
      bodyStart: token.map[1],
      bodyEnd: lines.length,
    });
  });
  headings.forEach((heading, i) => {
    const next = headings.slice(i + 1).find((other) => other.level <= heading.level);
    heading.bodyEnd = next ? next.line : lines.length;
  });
  return { headings, codeLines, lines, ...(frontMatter ? { frontMatter } : {}) };
}

/** Lower case, `&` as "and", punctuation and "[optional]" dropped, spaces collapsed: "Bias, Risks & Limitations" → "bias risks and limitations". */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\[optional\]/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/^[\d.\s]+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
