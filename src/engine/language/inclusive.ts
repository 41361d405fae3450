import { retext } from 'retext';
import retextEquality from 'retext-equality';
import retextProfanities from 'retext-profanities';
import type { DetectorMatch } from '../detectors';
import { riskMatch, textWindows } from '../prompt';

/** retext builds a syntax tree of the whole text it is given: long prose goes through it a window at a time. */
const LANGUAGE_WINDOW = 16_384;
const LANGUAGE_OVERLAP = 512;
/** retext reads about 0.3 MB/s: wording is checked in the first megabyte of a document (the scan says so). */
export const LANGUAGE_CHECK_LIMIT = 1_000_000;

/** alex's options, with alex's meaning. */
export interface InclusiveLanguageOptions {
  /** Also flag gendered pairs such as "he or she" (alex `noBinary`; retext-equality's `binary` is its opposite). */
  noBinary?: boolean;
  /** 0 flags words that are only maybe profane, 2 only certain ones (alex `profanitySureness`). */
  profanitySureness?: 0 | 1 | 2;
  /** Words, phrases or rule ids (`he-she`, `master`) never flagged, as alex's `allow`. */
  allow?: string[];
}

type Processor = ReturnType<typeof buildProcessor>;
type VFileMessage = Awaited<ReturnType<Processor['process']>>['messages'][number];
const processors = new Map<string, Processor>();

function buildProcessor(options: InclusiveLanguageOptions) {
  const ignore = options.allow ?? [];
  return retext()
    .use(retextEquality, { binary: !options.noBinary, ignore })
    .use(retextProfanities, { sureness: options.profanitySureness ?? 0, ignore });
}

function processorFor(options: InclusiveLanguageOptions): Processor {
  const key = JSON.stringify([
    options.noBinary ?? false,
    options.profanitySureness ?? 0,
    [...(options.allow ?? [])].sort(),
  ]);
  let processor = processors.get(key);
  if (!processor) {
    processor = buildProcessor(options);
    processors.set(key, processor);
  }
  return processor;
}

function quoted(words: readonly string[]): string {
  return words.map((word) => `"${word}"`).join(', ');
}

function toMatch(message: VFileMessage): DetectorMatch | undefined {
  const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
  const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
  if (start === undefined || end === undefined) return undefined;
  const actual = message.actual ?? '';
  const rule = message.ruleId ?? '';
  if (message.source === 'retext-profanities') {
    // retext-profanities' sureness: 0 = unlikely, 1 = maybe, 2 = likely profane.
    const sureness = Number((message as VFileMessage & { profanitySeverity?: number }).profanitySeverity ?? 0);
    const how = ['is profane in some contexts', 'may be profane', 'is profane'][sureness] ?? 'may be profane';
    return riskMatch('language/profanity', start, end, {
      confidence: 0.4 + 0.25 * sureness,
      message: `"${actual}" ${how}`,
      evidence: [`retext-profanities rule ${rule}, sureness ${sureness} of 2`],
      extra: { rule, source: 'retext-profanities' },
    });
  }
  const suggestions = message.expected ?? [];
  return riskMatch('language/insensitive', start, end, {
    confidence: 0.6,
    message:
      suggestions.length > 0
        ? `"${actual}" may be insensitive; consider ${quoted(suggestions.slice(0, 3))}`
        : `"${actual}" may be insensitive; try not to use it`,
    evidence: [`retext-equality rule ${rule}`],
    ...(suggestions.length > 0 ? { fixes: ['replace'], suggestions } : {}),
    details: message.note ? [message.note] : undefined,
    extra: { rule, source: 'retext-equality' },
  });
}

/**
 * Insensitive and profane language, as alex reports it (retext-equality and retext-profanities on plain text).
 * Words used literally ("the word “he”") are not flagged: nlcst-search skips them.
 */
export async function checkInclusiveLanguage(
  text: string,
  options: InclusiveLanguageOptions = {},
): Promise<DetectorMatch[]> {
  if (text.trim().length === 0) return [];
  const allowed = new Set((options.allow ?? []).map((entry) => entry.toLowerCase()));
  const matches: DetectorMatch[] = [];
  const seen = new Set<string>();
  for (const window of textWindows(
    text,
    0,
    Math.min(text.length, LANGUAGE_CHECK_LIMIT),
    LANGUAGE_WINDOW,
    LANGUAGE_OVERLAP,
  )) {
    const file = await processorFor(options).process(text.slice(window.start, window.end));
    for (const message of file.messages) {
      if (allowed.has((message.ruleId ?? '').toLowerCase()) || allowed.has((message.actual ?? '').toLowerCase()))
        continue;
      const match = toMatch(message);
      if (!match) continue;
      const placed = { ...match, start: match.start + window.start, end: match.end + window.start };
      // Words in the overlap of two windows are reported by both.
      const key = `${placed.code}:${placed.start}:${placed.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push(placed);
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}
