import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with unknown options and bad values turned into UsageError (exit 2). */
export function parseCommandLine<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(unknownOptionMessage(error, Object.keys(options)) ?? errorText(error));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * node's text for an unknown option explains positionals that start with '-', which is rarely the mistake; say
 * which of the command's options were probably meant (those that start with what was typed, or one or two edits
 * away).
 */
function unknownOptionMessage(error: unknown, names: readonly string[]): string | undefined {
  if ((error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  const typed = /Unknown option '(-{1,2}[^'=]+)/.exec(errorText(error))?.[1];
  if (typed === undefined) return undefined;
  const bare = typed.replace(/^-+/, '');
  const started = names.filter((name) => name.startsWith(bare));
  // Edits only for words long enough that two edits do not reach every short name.
  const near = (
    started.length > 0 || bare.length < 4 ? started : names.filter((name) => editDistance(name, bare) <= 2)
  ).slice(0, 5);
  const hint = near.length > 0 ? `: did you mean ${near.map((name) => `--${name}`).join(', ')}?` : '';
  return `unknown option '${typed}'${hint} (--help lists the options)`;
}

/** Levenshtein distance of two short strings (option names), one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** `--format` values; every command supports `json` with documented keys. */
export function parseFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be one of ${allowed.join(', ')} (got '${value}')`);
}

/** `a,b , c` → ['a', 'b', 'c']. */
export function parseList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** `COL=VALUE` (for --privileged); several may be given comma-separated. */
export function parseAssignments(value: string | undefined): Array<{ column: string; value: string }> {
  return parseList(value).map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`expected COLUMN=VALUE, got '${pair}'`);
    return { column: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  });
}

export function parseIntegerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new UsageError(`--${name} must be an integer (got '${value}')`);
  return parsed;
}
