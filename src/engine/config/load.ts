import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import schema from '../../../media/schemas/rml.schema.json';
import { CONFIG_FILE_NAME, type RmlConfig } from '../../shared/config';
import type { Range } from '../../shared/findings';
import { LineIndex } from '../parse/positions';

/** A mistake in `.rml.json`, placed where it is so the editor and the CLI can point at it. */
export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface LoadedConfig {
  config: RmlConfig;
  /** The file it came from; undefined when there is none (defaults apply). */
  path?: string;
  /** Directory that relative paths in the config (and fingerprints) are relative to. */
  root: string;
  problems: ConfigProblem[];
}

/** Compiled on first use: compiling costs ~40 ms, which every `rml` run would pay even without a config file. */
let compiledValidator: ValidateFunction<RmlConfig> | undefined;
function validator(): ValidateFunction<RmlConfig> {
  return (compiledValidator ??= new Ajv({ allErrors: true, strict: false }).compile<RmlConfig>(schema));
}

/**
 * Parses and validates a config text. Comments are tolerated (people annotate ignore lists);
 * an invalid file yields problems and the defaults, never a half-applied config.
 */
export function parseConfigText(text: string, configPath: string): LoadedConfig {
  const root = path.dirname(configPath);
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntaxProblems = errors.map((error) => ({
    message: `${configPath}: ${describeParseError(error)}`,
    range: lines.rangeOf(error.offset, error.offset + Math.max(error.length, 1)),
  }));
  if (syntaxProblems.length > 0 || !tree) {
    return { config: {}, path: configPath, root, problems: syntaxProblems.length ? syntaxProblems : emptyFileProblem(configPath) };
  }
  const value: unknown = nodeValue(tree);
  const validate = validator();
  if (validate(value)) return { config: value, path: configPath, root, problems: [] };
  const problems = (validate.errors ?? []).map((error) => schemaProblem(error, tree, lines, configPath));
  return { config: {}, path: configPath, root, problems };
}

/** Finds `.rml.json` in `startDir` or its parents. */
export async function findConfigFile(startDir: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (await isFile(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads an explicit config file, or the nearest one above `startDir`, or the defaults rooted at `startDir`. */
export async function loadConfig(options: { explicitPath?: string; startDir: string }): Promise<LoadedConfig> {
  const configPath = options.explicitPath ?? (await findConfigFile(options.startDir));
  if (!configPath) return { config: {}, root: path.resolve(options.startDir), problems: [] };
  const text = await fs.readFile(configPath, 'utf8');
  return parseConfigText(text, path.resolve(configPath));
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((property) => [property.children?.[0]?.value, nodeValue(property.children![1]!)]));
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
  };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function describeParseError(error: ParseError): string {
  return `invalid JSON: ${printParseErrorCode(error.error)}`;
}

function emptyFileProblem(configPath: string): ConfigProblem[] {
  return [{ message: `${configPath}: empty file (write {} for the defaults)`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
}

async function isFile(candidate: string): Promise<boolean> {
  try {
    return (await fs.stat(candidate)).isFile();
  } catch {
    return false;
  }
}
