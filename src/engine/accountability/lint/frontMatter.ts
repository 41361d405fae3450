/** A document's YAML front matter: the lines between a first line `---` and the next `---` (or `...`). */
export interface FrontMatter {
  /** The YAML text. */
  yaml: string;
  /** Offset of the YAML text in the document (after the opening line). */
  offset: number;
  /** Lines the block occupies, both delimiters included (0-based, end exclusive). */
  lines: number;
}

/** Found by walking lines once (no regular expression over the whole text). */
export function frontMatterOf(text: string): FrontMatter | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = text.indexOf('\n', bom);
  if (firstEnd === -1 || text.slice(bom, firstEnd).trimEnd() !== '---') return undefined;
  let lineStart = firstEnd + 1;
  let line = 1;
  while (lineStart <= text.length) {
    const next = text.indexOf('\n', lineStart);
    const end = next === -1 ? text.length : next;
    const content = text.slice(lineStart, end).trimEnd();
    if (content === '---' || content === '...')
      return { yaml: text.slice(firstEnd + 1, lineStart), offset: firstEnd + 1, lines: line + 1 };
    if (next === -1) return undefined;
    lineStart = next + 1;
    line++;
  }
  return undefined;
}
