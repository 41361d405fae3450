import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import path from 'node:path';
import schema from '../../../media/schemas/rml.schema.json';
import type { RmlConfig } from '../../shared/config';
import { tooDeepAt, tooDeepMessage, LineIndex } from '../parse';
import { checkConfiguredPaths } from './paths';
import type { ConfigProblem, LoadedConfig } from './types';

/**
 * The largest `.rml.json` accepted (bytes on disk, UTF-16 units as text). Ignore lists grow with the "Ignore" fix
 * (about 100 bytes an entry), so this leaves room for tens of thousands of entries; a 38 MB file took 1 GB to parse.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export type { ConfigProblem, LoadedConfig } from './types';

/** Compiled on first use: compiling costs ~40 ms, which every `rml` run would pay even without a config file. */
let compiledValidator: ValidateFunction<RmlConfig> | undefined;
function validator(): ValidateFunction<RmlConfig> {
  return (compiledValidator ??= new Ajv({ allErrors: true, strict: false }).compile<RmlConfig>(schema));
}

/**
 * Parses and validates a config text. Comments are tolerated (people annotate ignore lists);
 * an invalid file yields problems and the defaults, never a half-applied config. Paths it names are checked
 * without the disk here (`checkConfigText` in load.ts adds what needs it).
 */
export function parseConfigText(text: string, configPath: string): LoadedConfig {
  const root = path.dirname(configPath);
  const fileProblems = (problems: ConfigProblem[]): LoadedConfig => ({ config: {}, path: configPath, root, problems });
  if (text.length > MAX_CONFIG_BYTES) {
    const start = { line: 0, character: 0 };
    return fileProblems([
      { message: `${configPath}: ${tooLargeMessage(text.length)}`, range: { start, end: start }, scope: 'file' },
    ]);
  }
  const lines = new LineIndex(text);
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return fileProblems([
      { message: `${configPath}: ${tooDeepMessage('document')}`, range: lines.rangeOf(deep, deep + 1), scope: 'file' },
    ]);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntaxProblems = errors.map(
    (error): ConfigProblem => ({
      message: `${configPath}: ${describeParseError(error)}`,
      range: lines.rangeOf(error.offset, error.offset + Math.max(error.length, 1)),
      scope: 'file',
    }),
  );
  if (syntaxProblems.length > 0 || !tree)
    return fileProblems(syntaxProblems.length ? syntaxProblems : emptyFileProblem(configPath));
  const value: unknown = nodeValue(tree);
  const validate = validator();
  if (!validate(value))
    return fileProblems((validate.errors ?? []).map((error) => schemaProblem(error, tree, lines, configPath)));
  return checkConfiguredPaths({ config: value, path: configPath, root, problems: [] }, (jsonPath) => {
    const node = findNodeAtLocation(tree, jsonPath) ?? tree;
    return lines.rangeOf(node.offset, node.offset + node.length);
  });
}

export function tooLargeMessage(size: number): string {
  return `larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB (${size}): not read`;
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).map((property) => [property.children?.[0]?.value, nodeValue(property.children![1]!)]),
      );
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function schemaProblem(error: ErrorObject, tree: Node, lines: LineIndex, configPath: string): ConfigProblem {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const jsonPath = segments.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const node = findNodeAtLocation(tree, jsonPath) ?? tree;
  const where = error.instancePath || '(root)';
  const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params['additionalProperty'])}'` : '';
  return {
    message: `${configPath}: ${where} ${error.message ?? 'is invalid'}${extra}`,
    range: lines.rangeOf(node.offset, node.offset + node.length),
    scope: 'file',
  };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function describeParseError(error: ParseError): string {
  return `invalid JSON: ${printParseErrorCode(error.error)}`;
}

function emptyFileProblem(configPath: string): ConfigProblem[] {
  const start = { line: 0, character: 0 };
  return [
    { message: `${configPath}: empty file (write {} for the defaults)`, range: { start, end: start }, scope: 'file' },
  ];
}
