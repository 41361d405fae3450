import ignore, { type Ignore } from 'ignore';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RmlConfig } from '../../shared/config';
import type { DatasetFormat } from '../parse';
import { kindOfFile, promptMatcher, type FileKind, type PromptMatcher } from './fileKinds';

export interface ScannableFile {
  path: string;
  format: DatasetFormat;
  isPrompt: boolean;
  /** A model or dataset card (see `FileKind`). */
  card?: FileKind['card'];
  size: number;
}

export interface WalkOptions {
  config: RmlConfig;
  /** Where `.rml.json` lives: `exclude` and prompt globs are relative to it. */
  root: string;
  /** Extra gitignore-style patterns, e.g. VS Code's `files.exclude`. */
  extraExcludes?: string[];
  signal?: AbortSignal;
}

/** Never worth descending into, whatever `.gitignore` says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.rml', '.vscode-test', '.hg', '.svn']);

/**
 * Yields the dataset and prompt files under `start` (a directory or a file), respecting every `.gitignore`
 * on the way down (as git does: patterns relative to their own directory), `exclude` from the config and
 * the caller's extra excludes. Files named explicitly are always yielded when their kind is known.
 */
export async function* findScannableFiles(start: string, options: WalkOptions): AsyncGenerator<ScannableFile> {
  const absolute = path.resolve(start);
  const stat = await fs.stat(absolute);
  const excludes = ignore()
    .add(options.config.exclude ?? [])
    .add(options.extraExcludes ?? []);
  const prompts = promptMatcher(options.config.prompts?.globs);
  if (stat.isFile()) {
    const kind = await kindOfFile(absolute, relativeTo(options.root, absolute), prompts, true);
    if (kind) yield { path: absolute, ...kind, size: stat.size };
    return;
  }
  const inherited = await gitignoresAbove(absolute, options.root);
  yield* walkDirectory(absolute, inherited, { ...options, excludes, prompts });
}

interface WalkState extends WalkOptions {
  excludes: Ignore;
  prompts: PromptMatcher;
}

interface ScopedIgnore {
  base: string;
  rules: Ignore;
}

async function* walkDirectory(dir: string, scopes: ScopedIgnore[], state: WalkState): AsyncGenerator<ScannableFile> {
  state.signal?.throwIfAborted();
  const local = await readGitignore(dir);
  const active = local ? [...scopes, { base: dir, rules: local }] : scopes;
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
    if (isIgnored(full, isDir, active, state)) continue;
    if (isDir) yield* walkDirectory(full, active, state);
    else if (entry.isFile()) yield* classified(full, state);
  }
}

async function* classified(full: string, state: WalkState): AsyncGenerator<ScannableFile> {
  const kind = await kindOfFile(full, relativeTo(state.root, full), state.prompts, false);
  if (kind) yield { path: full, ...kind, size: (await fs.stat(full)).size };
}

function isIgnored(full: string, isDir: boolean, scopes: ScopedIgnore[], state: WalkState): boolean {
  const suffix = isDir ? '/' : '';
  const fromRoot = relativeTo(state.root, full);
  if (!fromRoot.startsWith('..') && state.excludes.ignores(fromRoot + suffix)) return true;
  return scopes.some((scope) => {
    const relative = relativeTo(scope.base, full);
    return !relative.startsWith('..') && relative !== '' && scope.rules.ignores(relative + suffix);
  });
}

/** `.gitignore` files in the directories from the config root down to (not including) `start` apply below it too. */
async function gitignoresAbove(start: string, root: string): Promise<ScopedIgnore[]> {
  const fromRoot = relativeTo(root, start);
  if (fromRoot === '' || fromRoot.startsWith('..')) return [];
  const dirs: string[] = [];
  for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === path.resolve(root)) break;
  }
  const scopes: ScopedIgnore[] = [];
  for (const dir of dirs) {
    const rules = await readGitignore(dir);
    if (rules) scopes.push({ base: dir, rules });
  }
  return scopes;
}

async function readGitignore(dir: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

export function relativeTo(base: string, file: string): string {
  return path.relative(path.resolve(base), file).split(path.sep).join('/');
}
