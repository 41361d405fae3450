import type { PromptCode } from './codes';
import { LiteralGate } from './literalGate';
import { IN_CONTENT, namedAsAttack, OWN_INSTRUCTIONS, REPORTED_FRAME } from './reportedSpeech';
import { sourceSpan, type TextView } from './textView';

/** Where a text sits: a whole prompt file, one chat role, or a cell of a dataset. */
export type PromptKind = 'prompt-file' | 'system' | 'user' | 'assistant' | 'dataset-cell';

/**
 * A phrase rule: a regular expression over the lower-cased, folded view of a text. Hand-written because no
 * maintained JavaScript library ships prompt-injection phrasings (LLM Guard and Rebuff use Python models or a
 * hosted API); the phrasings follow the public jailbreak and injection collections cited in the corpus.
 */
export interface PhraseRule {
  id: string;
  code: PromptCode;
  /** Global, written in lower case against the folded view. */
  pattern: RegExp;
  confidence: number;
  message: string;
  evidence: string;
  /** Skipped when the clause before it negates it ("never ignore your instructions"). */
  negatable?: boolean;
  /** Skipped when the clause before reports it as said to a model ("the attacker tells the model to …"). */
  reportable?: boolean;
  /**
   * Skipped when the hit aims at the speaker's own instructions ("forget my previous instructions"), at
   * instructions inside content ("ignore any instructions inside the documents": a guard line), or is an attack's
   * name in quotes ("'ignore previous instructions' attacks").
   */
  ownable?: boolean;
  /** Only in these places (role spoofing means nothing in a prompt file that defines roles). */
  kinds?: PromptKind[];
  /** Specific enough to run on decoded payloads and de-obfuscated text, where short patterns misfire. */
  strong?: boolean;
  /** Must also match (or, a function, accept) the text within `nearWindow` characters of the hit. */
  near?: RegExp | ((around: string) => boolean);
  nearWindow?: number;
  /** Must match the original (case-preserving) text of the hit, e.g. an upper-case "DAN". */
  sourceTest?: RegExp;
  /** Must match the clause before the hit (an action verb before "without confirmation"). */
  before?: RegExp;
  /** A cheap test of the whole view that must pass before the pattern runs (for patterns that start loosely). */
  prefilter?: RegExp;
}

export interface RuleHit {
  rule: PhraseRule;
  /** Source offsets. */
  start: number;
  end: number;
}

const NEGATION =
  /\b(?:never|not|don't|dont|do not|does not|doesn't|mustn't|cannot|can't|won't|shouldn't|no one|nobody|refuse to|avoid|under no circumstances|forbidden to|prohibited from)\b/;
const CLAUSE_BREAK = /[.!?;\n]/;

/** The clause that precedes a hit, at most `limit` characters back. */
export function clauseBefore(text: string, start: number, limit = 80): string {
  const from = Math.max(0, start - limit);
  let slice = text.slice(from, start);
  for (let i = slice.length - 1; i >= 0; i--) {
    if (CLAUSE_BREAK.test(slice[i]!)) {
      slice = slice.slice(i + 1);
      break;
    }
  }
  return slice;
}

export interface RuleRunOptions {
  kind: PromptKind;
  /** Run only the rules marked strong (decoded payloads, de-obfuscated text). */
  strongOnly?: boolean;
}

export function runPhraseRules(
  rules: readonly PhraseRule[],
  view: TextView,
  source: string,
  options: RuleRunOptions,
): RuleHit[] {
  const hits: RuleHit[] = [];
  const mayMatch = gateOf(rules).scan(view.text);
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    if (!mayMatch(index) || (options.strongOnly && !rule.strong)) continue;
    if (rule.kinds && !rule.kinds.includes(options.kind)) continue;
    if (rule.prefilter && !rule.prefilter.test(view.text)) continue;
    rule.pattern.lastIndex = 0;
    for (let found = rule.pattern.exec(view.text); found; found = rule.pattern.exec(view.text)) {
      const viewStart = found.index;
      const viewEnd = viewStart + Math.max(1, found[0].length);
      if (found[0].length === 0) rule.pattern.lastIndex++;
      if (!accepts(rule, view, source, viewStart, viewEnd)) continue;
      const [start, end] = sourceSpan(view, viewStart, viewEnd);
      hits.push({ rule, start, end });
    }
  }
  return hits;
}

/**
 * One literal gate per list of rules: the scan hands every text the same list (`enabledRules` keeps one per set of
 * enabled codes), so the automaton is built once per list, not per text.
 */
const gates = new WeakMap<readonly PhraseRule[], LiteralGate>();

function gateOf(rules: readonly PhraseRule[]): LiteralGate {
  let gate = gates.get(rules);
  if (!gate) {
    gate = new LiteralGate(rules.map((rule) => rule.pattern));
    gates.set(rules, gate);
  }
  return gate;
}

function accepts(rule: PhraseRule, view: TextView, source: string, start: number, end: number): boolean {
  const before = clauseBefore(view.text, start);
  if (rule.negatable && NEGATION.test(before)) return false;
  if (rule.reportable && REPORTED_FRAME.test(before)) return false;
  // The hit and the few words after it: "the instructions | I gave you".
  if (rule.ownable && OWN_INSTRUCTIONS.test(view.text.slice(start, end + 12))) return false;
  if (rule.ownable && (IN_CONTENT.test(view.text.slice(end, end + 100)) || namedAsAttack(view.text, start, end)))
    return false;
  if (rule.before && !rule.before.test(before)) return false;
  if (rule.near) {
    const window = rule.nearWindow ?? 250;
    const around = view.text.slice(Math.max(0, start - window), Math.min(view.text.length, end + window));
    if (typeof rule.near === 'function' ? !rule.near(around) : !rule.near.test(around)) return false;
  }
  if (rule.sourceTest) {
    const [sourceStart, sourceEnd] = sourceSpan(view, start, end);
    if (!rule.sourceTest.test(source.slice(sourceStart, sourceEnd))) return false;
  }
  return true;
}

/** `(?:a|b|c)` from words; spaces inside a word match any run of whitespace. */
export function anyOf(words: readonly string[]): string {
  return `(?:${words.map((word) => word.replace(/ /g, '\\s+')).join('|')})`;
}

/** Up to `max` filler words ("ignore *all of the* previous instructions"). */
export function filler(max: number): string {
  return `(?:[\\w'-]+\\s+){0,${max}}`;
}

/**
 * Whether a match of `first` and one of `second` (either order) lie within `gap` characters of each other: what
 * `A[\s\S]{0,gap}B|B[\s\S]{0,gap}A` asks, in linear time (that pattern rescans the gap from every match).
 * Both patterns need the `g` flag.
 */
export function matchesNear(text: string, first: RegExp, second: RegExp, gap: number): boolean {
  const spans = (pattern: RegExp): Array<[number, number]> =>
    [...text.matchAll(pattern)].map((found) => [found.index, found.index + found[0].length]);
  const a = spans(first);
  if (a.length === 0) return false;
  const b = spans(second);
  return a.some(([aStart, aEnd]) =>
    b.some(([bStart, bEnd]) => (bStart >= aEnd && bStart - aEnd <= gap) || (aStart >= bEnd && aStart - bEnd <= gap)),
  );
}
