import type { DetectorMatch } from '../detectors';
import { riskMatch } from './match';
import type { PromptKind } from './phraseRules';
import {
  findTemplateVariables,
  looksUserControlled,
  type TemplateSyntax,
  type TemplateVariable,
} from './templateVariables';

/** Quote and bracket pairs that fence a value on its line. */
const PAIRS: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['`', '`'],
  ['[', ']'],
  ['«', '»'],
  ['"""', '"""'],
  ["'''", "'''"],
  ['###', '###'],
  ['```', '```'],
];

function fencedOnItsLine(text: string, variable: TemplateVariable): boolean {
  const before = text.slice(Math.max(0, variable.start - 40), variable.start).trimEnd();
  const after = text.slice(variable.end, variable.end + 40).trimStart();
  if (PAIRS.some(([open, close]) => before.endsWith(open) && after.startsWith(close))) return true;
  const openTag = /^<([A-Za-z_][\w-]*)(?![\w-])[^<>]*>$/.exec(before.slice(before.lastIndexOf('<')));
  return openTag !== null && after.startsWith(`</${openTag[1]}>`);
}

/** Inside a ``` or """ block, or an XML-style element (<document>…</document>) that spans lines. */
function fencedByBlock(text: string, variable: TemplateVariable): boolean {
  const before = text.slice(0, variable.start);
  const after = text.slice(variable.end);
  for (const fence of ['```', '"""', "'''", '---', '===', '####']) {
    const fenceLine = new RegExp(`^[ \\t]*${fence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gm');
    const opened = (before.match(fenceLine) ?? []).length % 2 === 1;
    if (opened && fenceLine.test(after)) return true;
  }
  const tags = [...before.matchAll(/<([A-Za-z_][\w-]*)(?:\s[^<>]*)?>/g)].reverse();
  return tags.some((tag) => {
    const name = tag[1] ?? '';
    const closedBefore = before.lastIndexOf(`</${name}>`) > (tag.index ?? 0);
    return !closedBefore && after.includes(`</${name}>`);
  });
}

export interface UnsafeTemplateOptions {
  syntax: TemplateSyntax;
  kind: PromptKind;
  /** Variables the prompt file declares as inputs that users fill (prompty `inputs`, dotprompt `input.schema`). */
  userInputs?: ReadonlySet<string>;
}

function isUserControlled(variable: TemplateVariable, options: UnsafeTemplateOptions): boolean {
  const root = variable.name.split('.')[0] ?? variable.name;
  return looksUserControlled(variable.name) || (options.userInputs?.has(root) ?? false);
}

function wrapSuggestion(text: string, variable: TemplateVariable): string {
  const tag = (variable.name.split('.').pop() ?? 'user_input').replace(/[^\w-]/g, '_');
  return `<${tag}>\n${text.slice(variable.start, variable.end)}\n</${tag}>`;
}

/** User-controlled variables in the system role, or without delimiters elsewhere. */
export function findUnsafeTemplateVariables(text: string, options: UnsafeTemplateOptions): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const variable of findTemplateVariables(text, options.syntax)) {
    if (!isUserControlled(variable, options)) continue;
    const placeholder = text.slice(variable.start, variable.end);
    if (options.kind === 'system') {
      matches.push(
        riskMatch('prompt/unsafe-template', variable.start, variable.end, {
          confidence: 0.75,
          message: `User-controlled variable ${placeholder} is interpolated into the system role`,
          evidence: [`"${variable.name}" reads as user input`, 'system-role text is trusted as instructions'],
          fixes: ['wrap-variable'],
          suggestions: [wrapSuggestion(text, variable)],
          details: ['Move it to a user message, or at least fence it and tell the model to treat it as data.'],
          extra: { variable: variable.name },
        }),
      );
    } else if (!fencedOnItsLine(text, variable) && !fencedByBlock(text, variable)) {
      matches.push(
        riskMatch('prompt/unsafe-template', variable.start, variable.end, {
          confidence: 0.45,
          message: `User-controlled variable ${placeholder} has no delimiters`,
          evidence: [`"${variable.name}" reads as user input`, 'no quotes, fence or tag around it'],
          fixes: ['wrap-variable'],
          suggestions: [wrapSuggestion(text, variable)],
          extra: { variable: variable.name },
        }),
      );
    }
  }
  return matches;
}
