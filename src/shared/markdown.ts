/**
 * Text from a dataset or a prompt in hover Markdown renders as text, never as markup: a column named
 * `![px](https://attacker.example/pixel.png)` must not load an image, and `[x](command:…)` must not become a
 * link. Hovers keep `isTrusted` false as well; escaping is the first line.
 */

/** ASCII punctuation CommonMark lets a backslash escape; `:` too, so a bare URL is not autolinked (GFM). */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:"'=$^@]/g;

/** `text` as literal Markdown inline text, on one line (a newline would end a table row). */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (character) => `\\${character}`).replace(/\r\n|\r|\n/g, ' ');
}

/** The longest run of `mark` in `text`: a fence or code span must be longer to hold it. */
function longestRun(text: string, mark: string): number {
  let longest = 0;
  let run = 0;
  for (const character of text) {
    run = character === mark ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** `text` as an inline code span (rendered verbatim), on one line. */
export function markdownCode(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
  const ticks = '`'.repeat(longestRun(oneLine, '`') + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine === '' ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

/** `text` as a fenced code block (rendered verbatim, lines kept), whatever fences it holds itself. */
export function markdownCodeBlock(text: string, language = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}
