import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with unknown options and bad values turned into UsageError (exit 2). */
export function parseCommandLine<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
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
