export type TemplateSyntax = 'mustache' | 'jinja' | 'prompty' | 'fstring';

export interface TemplateVariable {
  /** The variable as referenced, e.g. `question`, `doc.content`. */
  name: string;
  /** Offsets of the whole placeholder, braces included. */
  start: number;
  end: number;
}

/** Handlebars/dotprompt helpers and block keywords: not variables. */
const HELPERS = new Set([
  'role',
  'media',
  'history',
  'section',
  'json',
  'else',
  'this',
  'if',
  'each',
  'with',
  'unless',
  'raw',
  'lookup',
  'log',
]);

// `{{ name }}`, `{{{ name }}}`, `{{ name | filter }}`, `{{name.field}}`; sections (`#`, `^`, `/`), partials (`>`) and
// comments (`!`) are skipped.
const DOUBLE_BRACE = /\{\{(\{?)\s*(?:([#^/>!&])\s*)?([A-Za-z_][\w.-]*)(?![\w.-])([^{}]*?)\}?\}\}/g;
const JINJA_STATEMENT = /\{%-?\s*for\s+[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)?\s+in\s+([A-Za-z_][\w.]*)/g;
const FSTRING = /(?<!\{)\{([A-Za-z_][\w.]*)(?:![rsa])?(?::[^{}]*)?\}(?!\})/g;

export function findTemplateVariables(text: string, syntax: TemplateSyntax): TemplateVariable[] {
  const variables: TemplateVariable[] = [];
  if (syntax === 'fstring') {
    FSTRING.lastIndex = 0;
    for (let found = FSTRING.exec(text); found; found = FSTRING.exec(text)) {
      variables.push({ name: found[1] ?? '', start: found.index, end: found.index + found[0].length });
    }
    return variables;
  }
  DOUBLE_BRACE.lastIndex = 0;
  for (let found = DOUBLE_BRACE.exec(text); found; found = DOUBLE_BRACE.exec(text)) {
    const [whole, , sigil = '', name = ''] = found;
    if (sigil && sigil !== '&') continue;
    if (HELPERS.has(name.split('.')[0] ?? name)) continue;
    variables.push({ name, start: found.index, end: found.index + whole.length });
  }
  if (syntax === 'jinja' || syntax === 'prompty') {
    JINJA_STATEMENT.lastIndex = 0;
    for (let found = JINJA_STATEMENT.exec(text); found; found = JINJA_STATEMENT.exec(text)) {
      const name = found[1] ?? '';
      const at = found.index + found[0].length - name.length;
      variables.push({ name, start: at, end: at + name.length });
    }
  }
  return variables.sort((a, b) => a.start - b.start);
}

/** The template syntax a text most likely uses, when the caller does not know. */
export function guessTemplateSyntax(text: string): TemplateSyntax | undefined {
  if (/\{%-?\s*\w/.test(text) || /\{\{[^{}]*\|\s*\w/.test(text)) return 'jinja';
  if (/\{\{\{?\s*(?:[#^/&]\s*)?[A-Za-z_][\w.-]*(?![\w.-])[^{}]*\}\}/.test(text)) return 'mustache';
  return undefined;
}

/** Words in a variable name that say a user or an outside source supplies its value. */
const USER_WORDS = new Set([
  'user',
  'input',
  'query',
  'question',
  'message',
  'msg',
  'prompt',
  'request',
  'text',
  'content',
  'comment',
  'review',
  'feedback',
  'utterance',
  'chat',
  'conversation',
  'history',
  'transcript',
  'email',
  'body',
  'document',
  'doc',
  'docs',
  'documents',
  'context',
  'search',
  'ask',
  'instruction',
  'instructions',
  'answer',
  'reply',
  'customer',
  'ticket',
  'post',
  'tweet',
  'article',
  'page',
  'html',
  'web',
  'upload',
  'untrusted',
  'external',
  'retrieved',
  'snippet',
  'snippets',
  'passage',
  'passages',
  'issue',
  'description',
  'inquiry',
  'complaint',
  'essay',
  'submission',
  'resume',
  'cv',
  'transcription',
]);

/** `user_input`, `userQuery`, `doc.content` → the words of the name, lower case. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

export function looksUserControlled(name: string): boolean {
  return nameWords(name).some((word) => USER_WORDS.has(word));
}
