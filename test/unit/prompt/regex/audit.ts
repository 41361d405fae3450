import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkSync, type Diagnostics } from 'recheck';
import { constructedRegexes, staticRegexes, type FoundRegex } from './inventory';

// recheck (https://makenowjust-labs.github.io/recheck/) on every engine regex. Its verdicts take minutes for the
// whole engine on two cores, so `npx tsx test/unit/prompt/regex/audit.ts --write` records them in verdicts.json
// (keyed by the recheck version and the exact pattern) and the unit test analyses only patterns not recorded
// there: a new or changed pattern is always analysed. The script never records a vulnerable pattern.

export type Verdict = 'safe' | 'unknown';
export const VERDICTS_FILE = path.join(__dirname, 'verdicts.json');
const RECHECK_VERSION = (require('recheck/package.json') as { version: string }).version;

export interface EngineRegex extends FoundRegex {
  sites: string[];
}

export function keyOf(found: FoundRegex): string {
  return `/${found.source}/${found.flags}`;
}

/** Every distinct engine regex once, with all the places it comes from. */
export function engineRegexes(): EngineRegex[] {
  const { literals } = staticRegexes();
  const byKey = new Map<string, EngineRegex>();
  for (const found of [...literals, ...constructedRegexes()]) {
    const known = byKey.get(keyOf(found));
    if (known) known.sites.push(found.site);
    else byKey.set(keyOf(found), { ...found, sites: [found.site] });
  }
  return [...byKey.values()];
}

/** recheck's verdict with a fixed seed; `unknown` means it could not decide within `timeout` ms. */
export function analyse(found: FoundRegex, timeout = 20_000): Diagnostics {
  return checkSync(found.source, found.flags, { timeout, randomSeed: 42 });
}

/**
 * recheck's automaton verdicts are proofs; its fuzzer's are estimates fitted to step counts, and it sometimes
 * calls a pattern with bounded filler words (`(?:\w+\s+){0,3}`) quadratic. A fuzz verdict counts when its own
 * attack string, pumped 4× longer, takes clearly more than 4× longer in V8 (16× for a quadratic pattern).
 */
export function confirmedInV8(found: FoundRegex, result: Diagnostics): boolean {
  if (result.status !== 'vulnerable') return false;
  if (result.checker === 'automaton') return true;
  const attack = (repeats: number) =>
    result.attack.pumps.map((pump) => pump.prefix + pump.pump.repeat(repeats)).join('') + result.attack.suffix;
  const time = (text: string) => {
    const pattern = new RegExp(found.source, found.flags.includes('g') ? found.flags : `${found.flags}g`);
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      pattern.lastIndex = 0;
      while (pattern.exec(text)) if (pattern.lastIndex === 0) break;
    }
    return performance.now() - started;
  };
  const short = time(attack(1_000));
  if (short > 1_000) return true;
  const long = time(attack(4_000));
  return long > 50 && long > 10 * Math.max(short, 1);
}

export function recordedVerdicts(): Map<string, Verdict> {
  const file = JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as {
    recheck: string;
    verdicts: Record<string, Verdict>;
  };
  return new Map(file.recheck === RECHECK_VERSION ? Object.entries(file.verdicts) : []);
}

export function describeVulnerability(found: EngineRegex, result: Diagnostics): string {
  if (result.status !== 'vulnerable') return `${found.sites.join(', ')}: ${result.status}`;
  return `${found.sites.join(', ')}: ${result.complexity.summary}, attack ${result.attack.pattern} on /${found.source}/${found.flags}`;
}

function main(): void {
  const write = process.argv.includes('--write');
  const verdicts: Record<string, Verdict> = {};
  const vulnerable: string[] = [];
  for (const found of engineRegexes()) {
    const result = analyse(found);
    if (confirmedInV8(found, result)) vulnerable.push(describeVulnerability(found, result));
    else verdicts[keyOf(found)] = result.status === 'safe' ? 'safe' : 'unknown';
    if (result.status === 'vulnerable' && !confirmedInV8(found, result))
      console.log(`fuzz estimate not reproduced in V8: ${found.sites[0]}`);
    if (result.status === 'unknown') console.log(`undecided (${result.error.kind}): ${found.sites[0]}`);
  }
  for (const line of vulnerable) console.log(`VULNERABLE ${line}`);
  if (write) writeFileSync(VERDICTS_FILE, `${JSON.stringify({ recheck: RECHECK_VERSION, verdicts }, null, 1)}\n`);
  console.log(`${Object.keys(verdicts).length + vulnerable.length} patterns, ${vulnerable.length} vulnerable`);
  process.exitCode = vulnerable.length > 0 ? 1 : 0;
}

if (require.main === module) main();
