import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { Range } from '../../shared/findings';
import { LineIndex } from '../parse';
import {
  findTemplateVariables,
  guessTemplateSyntax,
  looksUserControlled,
  type TemplateSyntax,
} from './templateVariables';

/** A span of the prompt file: offsets (UTF-16) and the LSP range. */
export interface PromptSpan {
  start: number;
  end: number;
  range: Range;
}

export interface PromptInput extends PromptSpan {
  name: string;
  description?: string;
  /** Named like user input, or described as coming from the user. */
  userControlled: boolean;
}

export interface PromptSection extends PromptSpan {
  /** `system`, `user`, `assistant`…; undefined for a plain prompt without role markers. */
  role?: string;
  /** The role marker line (`system:` or `{{role "system"}}`), when there is one. */
  marker?: PromptSpan;
}

export interface PromptVariable extends PromptSpan {
  name: string;
  role?: string;
  declared: boolean;
}

export interface ParsedPromptFile {
  /** prompty: YAML front matter + `system:`/`user:` sections (jinja2); dotprompt: `.prompt` with `{{role}}` helpers (Handlebars). */
  format: 'prompty' | 'dotprompt' | 'text';
  frontMatter?: PromptSpan & { data: unknown };
  body: PromptSpan;
  templateSyntax?: TemplateSyntax;
  inputs: PromptInput[];
  sections: PromptSection[];
  variables: PromptVariable[];
  /** YAML errors, with their place. */
  issues: Array<{ message: string; range: Range }>;
}

/** Prompty's chat parser splits on these lines; text before the first one is the system message. */
const PROMPTY_ROLE = /^[ \t]*(?:#[ \t]*)?(system|user|assistant|developer|function|tool)[ \t]*:[ \t]*$/gim;
/** dotprompt's role helper; text before the first one is a user message. */
const DOTPROMPT_ROLE = /\{\{\s*role\s+["'](system|user|model|assistant|tool)["']\s*\}\}/g;

/**
 * YAML front matter at the very start: a `---` line, the YAML, a `---` or `...` line. A line scan: the lazy
 * `[\s\S]*?` pattern it replaces rescanned the rest of the file from every `---` line when none closed.
 */
function frontMatterOf(text: string): { yamlStart: number; yaml: string; end: number } | undefined {
  const opening = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!opening) return undefined;
  const yamlStart = opening[0].length;
  for (let lineStart = yamlStart; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line))
      return { yamlStart, yaml: text.slice(yamlStart, lineStart), end: newline < 0 ? text.length : newline + 1 };
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return undefined;
}

function formatOf(fileName: string): ParsedPromptFile['format'] {
  if (/\.prompty$/i.test(fileName)) return 'prompty';
  if (/\.prompt$/i.test(fileName)) return 'dotprompt';
  return 'text';
}

export function parsePromptFile(text: string, fileName: string): ParsedPromptFile {
  const lines = new LineIndex(text);
  const span = (start: number, end: number): PromptSpan => ({ start, end, range: lines.rangeOf(start, end) });
  const format = formatOf(fileName);
  const issues: ParsedPromptFile['issues'] = [];
  const header = frontMatterOf(text);
  let frontMatter: ParsedPromptFile['frontMatter'];
  let inputs: PromptInput[] = [];
  let templateSetting: string | undefined;
  if (header) {
    const { yamlStart, yaml: yamlText } = header;
    const document = parseDocument(yamlText);
    for (const error of document.errors) {
      const at = yamlStart + (error.pos[0] ?? 0);
      issues.push({
        message: `front matter: ${error.message.split('\n')[0]}`,
        range: lines.rangeOf(at, yamlStart + (error.pos[1] ?? error.pos[0] ?? 0)),
      });
    }
    frontMatter = { ...span(yamlStart, yamlStart + yamlText.length), data: document.toJS() };
    inputs = declaredInputs(document, format, yamlStart, span);
    templateSetting = templateOf(document);
  }
  const bodyStart = header ? header.end : 0;
  const body = span(bodyStart, text.length);
  const bodyText = text.slice(bodyStart);
  const templateSyntax = syntaxOf(format, templateSetting, bodyText);
  const sections = roleSections(text, bodyStart, format, span);
  const declared = new Set(inputs.map((input) => input.name));
  const variables = templateSyntax
    ? findTemplateVariables(bodyText, templateSyntax).map((variable) => {
        const start = bodyStart + variable.start;
        const role = sections.find((section) => section.start <= start && start < section.end)?.role;
        const root = variable.name.split('.')[0] ?? variable.name;
        return { ...span(start, bodyStart + variable.end), name: variable.name, role, declared: declared.has(root) };
      })
    : [];
  return { format, frontMatter, body, templateSyntax, inputs, sections, variables, issues };
}

function templateOf(document: Document): string | undefined {
  const template = document.get('template');
  if (typeof template === 'string') return template;
  if (isMap(template)) {
    const format = template.get('format');
    return typeof format === 'string' ? format : undefined;
  }
  return undefined;
}

function syntaxOf(
  format: ParsedPromptFile['format'],
  setting: string | undefined,
  body: string,
): TemplateSyntax | undefined {
  if (setting && /mustache|handlebars/i.test(setting)) return 'mustache';
  if (setting && /jinja/i.test(setting)) return 'jinja';
  if (format === 'prompty') return 'jinja';
  if (format === 'dotprompt') return 'mustache';
  return guessTemplateSyntax(body);
}

/** prompty `inputs:` keys; dotprompt `input.schema` keys (Picoschema: `name?: string, description`). */
/** `name(type)` → `name`: from the first "(" when the text ends with ")" (as `/\(.*\)$/`, without its backtracking). */
function withoutParenthesisedSuffix(text: string): string {
  const open = text.indexOf('(');
  return open >= 0 && text.endsWith(')') ? text.slice(0, open) : text;
}

function declaredInputs(
  document: Document,
  format: ParsedPromptFile['format'],
  offset: number,
  span: (start: number, end: number) => PromptSpan,
): PromptInput[] {
  const node = format === 'dotprompt' ? document.getIn(['input', 'schema'], true) : document.get('inputs', true);
  if (!isMap(node)) return [];
  const inputs: PromptInput[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const raw = String(pair.key.value);
    const name = withoutParenthesisedSuffix(raw.replace(/\?$/, '')).replace(/\?$/, '').trim();
    const description = describe(pair.value);
    inputs.push({
      ...span(offset + pair.key.range[0], offset + pair.key.range[1]),
      name,
      description,
      userControlled:
        looksUserControlled(name) ||
        /\b(?:user|customer|visitor|untrusted|question|typed|entered)\b/i.test(description ?? ''),
    });
  }
  return inputs;
}

function describe(value: unknown): string | undefined {
  if (isScalar(value)) return typeof value.value === 'string' ? value.value : undefined;
  if (isMap(value)) {
    const description = value.get('description');
    return typeof description === 'string' ? description : undefined;
  }
  return undefined;
}

function roleSections(
  text: string,
  bodyStart: number,
  format: ParsedPromptFile['format'],
  span: (start: number, end: number) => PromptSpan,
): PromptSection[] {
  const marker = format === 'dotprompt' ? DOTPROMPT_ROLE : format === 'prompty' ? PROMPTY_ROLE : undefined;
  if (!marker) return [{ ...span(bodyStart, text.length) }];
  const body = text.slice(bodyStart);
  const markers = [...body.matchAll(marker)];
  const sections: PromptSection[] = [];
  const leadingEnd = bodyStart + (markers[0]?.index ?? body.length);
  if (body.slice(0, leadingEnd - bodyStart).trim().length > 0) {
    sections.push({ ...span(bodyStart, leadingEnd), role: format === 'prompty' ? 'system' : 'user' });
  }
  markers.forEach((found, i) => {
    const markerStart = bodyStart + (found.index ?? 0);
    const markerEnd = markerStart + found[0].length;
    const contentStart = format === 'prompty' ? Math.min(text.length, lineEndAfter(text, markerEnd)) : markerEnd;
    const next = markers[i + 1];
    const end = next ? bodyStart + (next.index ?? 0) : text.length;
    const role = (found[1] ?? '').toLowerCase();
    sections.push({
      ...span(contentStart, end),
      role: role === 'model' ? 'assistant' : role,
      marker: span(markerStart, markerEnd),
    });
  });
  return sections;
}

function lineEndAfter(text: string, offset: number): number {
  if (text[offset] === '\r' && text[offset + 1] === '\n') return offset + 2;
  return text[offset] === '\n' || text[offset] === '\r' ? offset + 1 : offset;
}
