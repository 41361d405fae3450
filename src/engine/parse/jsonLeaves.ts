import { printParseErrorCode, type JSONPath, type ParseErrorCode, type ParseOptions } from 'jsonc-parser';
import type { Cell } from './types';

/** Strict JSON: comments and trailing commas are errors, as in JSON and JSON Lines files. */
export const STRICT_JSON: ParseOptions = {
  disallowComments: true,
  allowTrailingComma: false,
  allowEmptyContent: false,
};

/** `['messages', 0, 'content']` → `messages[].content`; array indexes become `[]` so rows share columns. */
export function keyPath(path: JSONPath, from = 0): string {
  let result = '';
  for (let i = from; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number') result += '[]';
    else result += result === '' ? segment : `.${segment}`;
  }
  return result;
}

/** Numbers each key path in the order the file first uses it (`Cell.columnIndex` for JSON). */
export class ColumnNumbering {
  private readonly indexes = new Map<string, number>();

  indexOf(column: string): number {
    let index = this.indexes.get(column);
    if (index === undefined) {
      index = this.indexes.size;
      this.indexes.set(column, index);
    }
    return index;
  }
}

/**
 * The cell of one JSON leaf token at `offset` in `source` (line `line`, column `character`): strings keep the
 * decoded value and their place inside the quotes; numbers and booleans keep their source text. Null has no cell.
 */
export function leafCell(
  value: unknown,
  source: string,
  offset: number,
  length: number,
  line: number,
  character: number,
  column: string,
  columnIndex: number,
): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const inner = source.slice(offset + 1, offset + length - 1);
    const start = { line, character: character + 1 };
    const end = { line, character: character + length - 1 };
    return inner.includes('\\')
      ? { value, column, columnIndex, start, end, encoding: 'json-string', raw: inner }
      : { value, column, columnIndex, start, end, encoding: 'json-string' };
  }
  return {
    value: source.slice(offset, offset + length),
    column,
    columnIndex,
    start: { line, character },
    end: { line, character: character + length },
    encoding: 'json-literal',
  };
}

const ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon (:) expected',
  CommaExpected: 'comma (,) expected',
  CloseBraceExpected: 'closing brace (}) expected',
  CloseBracketExpected: 'closing bracket (]) expected',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'control character in a string: escape it',
};

/** A readable message for a jsonc-parser error at `offset` in `text`; `endOfValue` words EndOfFileExpected. */
export function jsonErrorMessage(code: ParseErrorCode, text: string, offset: number, endOfValue: string): string {
  const name = printParseErrorCode(code);
  if (name === 'EndOfFileExpected') return `invalid JSON: ${endOfValue}`;
  let message = `invalid JSON: ${ERROR_TEXT[name] ?? name}`;
  if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && followsComma(text, offset)) {
    const closer = text[offset];
    if (closer === '}' || closer === ']') message += ' (trailing commas are not allowed)';
  }
  return message;
}

function followsComma(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  return text[i] === ',';
}
