import type { DetectorMatch } from '../../detectors/types';
import type { PromptCode } from '../codes';
import { riskMatch } from '../match';
import { sourceSpan, type TextView } from '../textView';
import { classProbabilities, spannedTokens, tokenContributions, type SpannedToken } from './infer';
import { shippedScorer, type ScorerModel } from './model';

// The learned scorer as findings: the plain view of a text is cut into word windows, each window scored; a window
// whose attack probability passes the threshold becomes a finding of the most likely attack class, with the words
// that drove the score (their character spans in the original text) as evidence.

const CLASS_CODES: Record<string, PromptCode> = {
  injection: 'prompt/injection',
  jailbreak: 'prompt/jailbreak',
  leak: 'prompt/system-prompt-leak',
};

const CLASS_WORDS: Record<string, string> = {
  injection: 'an injected instruction',
  jailbreak: 'a jailbreak (a persona or framing that lifts the model\'s rules)',
  leak: 'a request for the hidden instructions',
};

/** The codes the scorer can report. */
export const SCORER_CODES: readonly PromptCode[] = Object.values(CLASS_CODES);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const TOP_WORDS = 6;
/** Windows of fewer words are not scored: one or two words make a mean of a handful of n-grams, too little to read. */
export const MIN_WORDS = 5;

export interface ScoredWindow {
  /** View offsets. */
  start: number;
  end: number;
  probabilities: number[];
  attack: number;
  attackClass: number;
  words: number;
}

/** Windows of `model.window.words` words every `stride` words over the view text (one window when it is shorter). */
export function scoreWindows(model: ScorerModel, view: string): ScoredWindow[] {
  const words = [...view.matchAll(WORD)].map((found) => [found.index, found.index + found[0].length] as const);
  if (words.length < MIN_WORDS) return [];
  const { words: size, stride } = model.window;
  const benign = model.classes.indexOf('benign');
  const windows: ScoredWindow[] = [];
  for (let first = 0; ; first += stride) {
    const last = Math.min(words.length, first + size) - 1;
    const start = words[first]![0];
    const end = words[last]![1];
    const probabilities = classProbabilities(model, view.slice(start, end));
    let attackClass = benign === 0 ? 1 : 0;
    for (let c = 0; c < probabilities.length; c++) if (c !== benign && probabilities[c]! > probabilities[attackClass]!) attackClass = c;
    windows.push({ start, end, probabilities, attack: 1 - probabilities[benign]!, attackClass, words: last - first + 1 });
    if (last >= words.length - 1) return windows;
  }
}

interface DrivingWord {
  text: string;
  /** View offsets. */
  start: number;
  end: number;
  weight: number;
}

/** The words whose tokens raised the window's attack log-odds most (n-grams summed per word span). */
function drivingWords(model: ScorerModel, view: string, window: ScoredWindow): DrivingWord[] {
  const text = view.slice(window.start, window.end);
  const tokens = spannedTokens(text, model.features);
  if (!tokens) return [];
  const weights = tokenContributions(model, tokens, window.attackClass);
  const bySpan = new Map<string, DrivingWord>();
  tokens.forEach((token: SpannedToken, i) => {
    // Bigrams spread their weight over the two words they join.
    const parts = token.token.startsWith('b:') ? splitBigram(text, token) : [[token.start, token.end] as const];
    for (const [start, end] of parts) {
      const key = `${start}:${end}`;
      const entry = bySpan.get(key) ?? { text: text.slice(start, end), start: window.start + start, end: window.start + end, weight: 0 };
      entry.weight += weights[i]! / parts.length;
      bySpan.set(key, entry);
    }
  });
  return [...bySpan.values()].filter((word) => word.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, TOP_WORDS);
}

function splitBigram(text: string, token: SpannedToken): Array<readonly [number, number]> {
  const [first, second] = token.token.slice(2).split(' ') as [string, string];
  return [[token.start, token.start + first.length], [token.end - second.length, token.end]];
}

function windowMatch(model: ScorerModel, view: TextView, window: ScoredWindow): DetectorMatch {
  const className = model.classes[window.attackClass]!;
  const words = drivingWords(model, view.text, window).sort((a, b) => a.start - b.start);
  const [viewStart, viewEnd] = words.length > 0 ? [words[0]!.start, words[words.length - 1]!.end] : [window.start, window.end];
  const [start, end] = sourceSpan(view, viewStart, viewEnd);
  const quoted = words.map((word) => `"${word.text}"`).join(', ');
  const probabilities = Object.fromEntries(model.classes.map((name, i) => [name, round(window.probabilities[i]!)]));
  return riskMatch(CLASS_CODES[className]!, start, end, {
    confidence: window.attack,
    message: `Learned scorer: reads like ${CLASS_WORDS[className]} (score ${window.attack.toFixed(2)})`,
    evidence: [`words that drove the score: ${quoted || 'the whole passage'}`],
    details: ['The learned scorer (a small n-gram model trained on this project\'s corpus) weighs every word; this passage crossed its threshold.'],
    extra: {
      detector: 'prompt-scorer',
      score: round(window.attack),
      probabilities,
      words: words.map((word) => ({ text: word.text, ...sourceRange(view, word), weight: round(word.weight) })),
    },
  });
}

function sourceRange(view: TextView, word: DrivingWord): { start: number; end: number } {
  const [start, end] = sourceSpan(view, word.start, word.end);
  return { start, end };
}

/** The threshold a window must reach: the short-text one below `short.words` words. */
export function thresholdFor(model: ScorerModel, window: Pick<ScoredWindow, 'words'>): number {
  return model.short && window.words < model.short.words ? model.short.threshold : model.threshold;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Scorer findings on a text's plain view (offsets into the source); none when this build ships no scorer. */
export function findScorerRisks(view: TextView, model: ScorerModel | null = shippedScorer()): DetectorMatch[] {
  if (!model || view.text.length === 0) return [];
  return scoreWindows(model, view.text)
    .filter((window) => window.attack >= thresholdFor(model, window))
    .map((window) => windowMatch(model, view, window));
}
