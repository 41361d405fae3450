import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Every regular expression of the engine, found two ways so that a new one cannot slip past the linear-time test:
// the literals, from the TypeScript syntax tree of every file under src/engine, and the ones built with
// `new RegExp(…)`, by running the engine in a child process whose RegExp constructor records what it builds and
// where. A `RegExp(` call site that the child never reached is reported too, so it cannot go unchecked.

export interface FoundRegex {
  source: string;
  flags: string;
  /** `src/engine/…/file.ts:line`. */
  site: string;
}

export const ENGINE_ROOT = path.resolve(__dirname, '../../../../src/engine');
const REPO_ROOT = path.resolve(ENGINE_ROOT, '../..');

export function engineFiles(dir = ENGINE_ROOT, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) engineFiles(full, out);
    // Not declarations, nor AssemblyScript (`.as.ts`: compiled to WebAssembly, it has no regular expressions).
    else if (entry.name.endsWith('.ts') && !/\.(?:d|as)\.ts$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

function siteOf(file: string, source: ts.SourceFile, node: ts.Node): string {
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  return `${path.relative(REPO_ROOT, file)}:${line}`;
}

/** Regex literals, and the places that call the RegExp constructor. */
export function staticRegexes(): { literals: FoundRegex[]; constructorSites: string[] } {
  const literals: FoundRegex[] = [];
  const constructorSites: string[] = [];
  for (const file of engineFiles()) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        literals.push({ source: text.slice(1, slash), flags: text.slice(slash + 1), site: siteOf(file, source, node) });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        constructorSites.push(siteOf(file, source, node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, constructorSites };
}

/** What `new RegExp` builds when every engine module is loaded and the lazily built patterns are exercised. */
export function constructedRegexes(): FoundRegex[] {
  const script = path.join(__dirname, 'collect.ts');
  const tsx = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`regex collector failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout) as FoundRegex[];
}
