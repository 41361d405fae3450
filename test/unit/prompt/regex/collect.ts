// Run by inventory.ts in a child process: records every RegExp the engine constructs, with its call site,
// while loading every engine module and running the checks that build patterns lazily. Prints JSON.
import path from 'node:path';
import { engineFiles, ENGINE_ROOT } from './inventory';

const REPO_ROOT = path.resolve(ENGINE_ROOT, '../..');
const NativeRegExp = RegExp;
const found: Array<{ source: string; flags: string; site: string }> = [];

/** The caller of the RegExp constructor, when it is engine code (a library's own patterns are not ours to fix). */
function callSite(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  for (const frame of frames) {
    const match = /\(([^()]+):(\d+):\d+\)$|at ([^\s()]+):(\d+):\d+$/.exec(frame.trim());
    const file = match?.[1] ?? match?.[3];
    if (!file || file === __filename) continue;
    return file.startsWith(ENGINE_ROOT)
      ? `${path.relative(REPO_ROOT, file)}:${match?.[2] ?? match?.[4]}`
      : 'outside src/engine';
  }
  return 'outside src/engine';
}

globalThis.RegExp = new Proxy(NativeRegExp, {
  construct(target, args, newTarget) {
    const made = Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget) as RegExp;
    const site = callSite();
    if (site !== 'outside src/engine') found.push({ source: made.source, flags: made.flags, site });
    return made;
  },
  apply(target, _this, args) {
    const made = Reflect.apply(target, undefined, args) as RegExp;
    const site = callSite();
    if (site !== 'outside src/engine') found.push({ source: made.source, flags: made.flags, site });
    return made;
  },
});

async function main(): Promise<void> {
  for (const file of engineFiles()) {
    // Worker entry points start a thread when loaded, and their launchers load the built bundle beside them; they
    // build no patterns of their own.
    if (/[wW]orker(Launch)?\.ts$/.test(file)) continue;
    require(file);
  }
  // Patterns built on first use: the secret keyword gate, the fence of a prompt file, context words.
  const { detectSensitiveData } = require(path.join(ENGINE_ROOT, 'detectors/index.ts'));
  detectSensitiveData(
    'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 mail ada@example.org call +44 20 7946 0958 ip 203.0.113.7',
    { column: 'notes' },
  );
  const { scanPromptFile } = require(path.join(ENGINE_ROOT, 'prompt/scanPromptFile.ts'));
  scanPromptFile(
    '---\nname: x\ninputs:\n  q:\n    type: string\n---\nsystem:\n```\n{{q}}\n```\nuser:\n{{q}}\n',
    'x.prompty',
  );
  process.stdout.write(JSON.stringify(found));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  },
);
