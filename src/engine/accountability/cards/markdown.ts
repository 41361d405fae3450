import { escapeMarkdown, markdownCode } from '../../../shared/markdown';

/**
 * Markdown for cards and datasheets: every dataset string goes through `text` or `code` (a column named
 * `<img src=x>` or `a|b` must stay text), numbers through `num`, and what only a person can say through `ask`.
 */

/** The words that mark a question the evidence cannot answer: a person must. Card lint and tests look for them. */
export const PERSON_PROMPT = 'To be completed by a person:';

export function ask(question: string): string {
  return `> ${askInline(question)}`;
}

/** The same question inside a list item or a sentence. */
export function askInline(question: string): string {
  return `**${PERSON_PROMPT}** ${question}`;
}

/** The words that mark evidence a later step would record (attribution, label issues…) but has not. */
export const NOT_RECORDED = 'Not recorded:';

export function notRecorded(what: string): string {
  return `_${NOT_RECORDED}_ ${what}`;
}

/** A dataset or user string as inline text: markdown and HTML characters escaped, lines joined (src/shared/markdown.ts). */
export function text(value: string): string {
  return escapeMarkdown(value);
}

/** Inline code; a value holding backticks gets a longer fence (CommonMark), so it cannot close early. */
export function code(value: string): string {
  return markdownCode(value);
}

/** A rate or score with 4 decimals; `—` where the data leaves it undefined. */
export function num(value: number | null | undefined, digits = 4): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A p- or q-value: small ones keep their magnitude (2.1e-7), not 0.0000. */
export function pValueText(value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return value !== 0 && value < 0.0001 ? value.toExponential(1) : num(value);
}

export function interval(ci: { lower: number; upper: number } | null | undefined): string {
  return ci ? `[${num(ci.lower)}, ${num(ci.upper)}]` : '—';
}

/** A GFM table; a pipe inside a cell (even in code) is escaped so it cannot split the cell. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replace(/(?<!\\)\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** A heading and its blocks, blank lines between; empty blocks are dropped. */
export function section(level: number, title: string, ...blocks: Array<string | undefined | false>): string {
  return [
    `${'#'.repeat(level)} ${title}`,
    ...blocks.filter((block): block is string => typeof block === 'string' && block !== ''),
  ].join('\n\n');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
