/**
 * One declarative table per `rml` command: the options it accepts, each with a one-line description and its
 * default. The same table drives the parser (`parseCommand`) and the help page (`renderHelp`), so `--help`
 * can never list an option the command does not take, or miss one it does.
 */
import { parseCommandLine } from './args';

export interface OptionSpec {
  /** `string` takes a value (`--epochs 20`); `boolean` is a flag (`--fail-on-disparity`). */
  type: 'string' | 'boolean';
  /** The value's placeholder in the help, e.g. `COL[,COL…]` (string options; default `VALUE`). */
  value?: string;
  /** One line: what the option does. */
  description: string;
  /** The default in words (`100`, `off`, `from .rml.json`); omit only for required options. */
  default?: string;
  /** Documented as required; the command itself checks it (some are "one of two"). */
  required?: boolean;
  /** A one-letter alias, e.g. `o` for `-o`. */
  short?: string;
  /** Heading the option is listed under (`Model`, `Output`…); options without one come first. */
  group?: string;
}

export type OptionTable = Record<string, OptionSpec>;

/** What `rml <command> --help` prints, besides the command's name and summary (from the command list). */
export interface CommandSpec<O extends OptionTable = OptionTable> {
  /** What follows the command name in the usage line, e.g. `<file> --label COL [options]`. */
  usage: string;
  /** A short paragraph: what the command does, what it writes, where its inputs come from. */
  description?: string;
  options: O;
  /** Complete command lines, as a user would type them. */
  examples: string[];
  /** Further sections (`JSON output: …`, `Exit codes: …`), printed after the examples. */
  notes?: string[];
}

/** Declares a command's options once; the literal types of the table give `parseCommand` typed values. */
export function defineCommand<const O extends OptionTable>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

export type OptionValues<O extends OptionTable> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

/** node:util parseArgs over the command's table; an unknown option or a missing value is a UsageError (exit 2). */
export function parseCommand<O extends OptionTable>(
  spec: CommandSpec<O>,
  args: string[],
): { values: OptionValues<O>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => [
      name,
      { type: option.type, ...(option.short ? { short: option.short } : {}) },
    ]),
  );
  const parsed = parseCommandLine(args, options);
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help and exit', default: 'off' };
const NAME_COLUMN = 30;
/** Help lines are wrapped at this width, as terminals are at least 80 and usually wider. */
const WIDTH = 110;

/** Words of `text` in lines of at most `width` (a longer word gets a line of its own); lines after the first indented. */
function wrap(text: string, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((text, i) => (i === 0 ? text : `${' '.repeat(indent)}${text}`));
}

function optionName(name: string, option: OptionSpec): string {
  const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}`;
  return option.type === 'string' ? `${flag} ${option.value ?? 'VALUE'}` : flag;
}

function optionLine(name: string, option: OptionSpec): string {
  const suffix = option.required ? ' (required)' : option.default !== undefined ? ` (default: ${option.default})` : '';
  const left = `  ${optionName(name, option)}`;
  const gap = left.length < NAME_COLUMN - 1 ? ' '.repeat(NAME_COLUMN - left.length) : `\n${' '.repeat(NAME_COLUMN)}`;
  return `${left}${gap}${wrap(`${option.description}${suffix}`, WIDTH - NAME_COLUMN, NAME_COLUMN).join('\n')}`;
}

/** Options by group, in the order their groups first appear (ungrouped first). */
function groupedOptions(options: OptionTable): Array<[string, Array<[string, OptionSpec]>]> {
  const groups = new Map<string, Array<[string, OptionSpec]>>([['', []]]);
  for (const entry of Object.entries(options)) {
    const group = entry[1].group ?? '';
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  return [...groups].filter(([, entries]) => entries.length > 0);
}

/** The help page, in the manner of `eslint --help`: usage, description, options with defaults, examples. */
export function renderHelp(command: string, summary: string, spec: CommandSpec): string {
  const sections = [`rml ${command} — ${summary}`, `Usage: rml ${command} ${spec.usage}`];
  if (spec.description) sections.push(wrap(spec.description, WIDTH).join('\n'));
  const grouped = Object.values(spec.options).some((option) => option.group !== undefined);
  const help = grouped ? { ...HELP_OPTION, group: 'Miscellaneous' } : HELP_OPTION;
  const options = groupedOptions({ ...spec.options, help }).map(([group, entries]) =>
    [`${group || 'Options'}:`, ...entries.map(([name, option]) => optionLine(name, option))].join('\n'),
  );
  sections.push(...options);
  sections.push(['Examples:', ...spec.examples.map((example) => `  ${example}`)].join('\n'));
  sections.push(...(spec.notes ?? []).map((note) => wrap(note, WIDTH - 2, 2).join('\n')));
  return `${sections.join('\n\n')}\n`;
}

/** The usage line alone, appended to usage errors. */
export function usageLine(command: string, spec: CommandSpec): string {
  return `usage: rml ${command} ${spec.usage} (rml ${command} --help for the options)`;
}
