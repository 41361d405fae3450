import type { DetectorMatch } from '../detectors';
import { DECODING_HINT, findEncodedPayloads, rot13, type PayloadEncoding } from './encodings';
import { riskMatch } from './match';
import { findSplitPayload } from './payloadSplitting';
import { runPhraseRules, type PhraseRule, type RuleHit } from './phraseRules';
import { payloadView, type TextView } from './textView';

// Instructions that only appear once something is decoded: base64, hex, URL or Unicode escapes, rot13,
// reversed text, or fragments joined together. Only the strong rules run on decoded text.

function strongHits(rules: readonly PhraseRule[], view: TextView, source: string): RuleHit[] {
  return runPhraseRules(rules, view, source, { kind: 'dataset-cell', strongOnly: true });
}

function hiddenMatch(
  start: number,
  end: number,
  how: string,
  decoded: string,
  hits: RuleHit[],
  confidence: number,
): DetectorMatch {
  const found = hits[0]!.rule;
  return riskMatch('prompt/injection', start, end, {
    confidence: Math.max(confidence, ...hits.map((hit) => hit.rule.confidence)),
    message: `Instruction hidden in ${how}`,
    evidence: [`decoded text: ${found.message.toLowerCase()}`, found.evidence],
    decoded,
    extra: { rule: found.id, encoding: how },
  });
}

const ENCODING_WORDS: Record<PayloadEncoding, string> = {
  base64: 'base64',
  hex: 'hex',
  'url-encoding': 'URL encoding',
  'unicode-escapes': 'Unicode escapes',
  'html-entities': 'HTML entities',
  rot13: 'rot13',
  reversed: 'reversed text',
};

/** Encoded runs (base64, hex…) that decode to an instruction; one more level of nesting is followed. */
function encodedPayloadMatches(rules: readonly PhraseRule[], text: string): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const payload of findEncodedPayloads(text)) {
    let decoded = payload.decoded;
    let how = ENCODING_WORDS[payload.encoding];
    const inner = findEncodedPayloads(decoded)[0];
    if (inner && inner.end - inner.start > decoded.length / 2) {
      decoded = inner.decoded;
      how = `${ENCODING_WORDS[inner.encoding]} inside ${how}`;
    }
    const hits = strongHits(rules, payloadView(decoded, payload.start, payload.end), decoded);
    if (hits.length > 0) matches.push(hiddenMatch(payload.start, payload.end, how, decoded, hits, 0.85));
  }
  return matches;
}

function reversedView(view: TextView): TextView {
  return {
    text: [...view.text].reverse().join(''),
    starts: view.starts.slice().reverse(),
    ends: view.ends.slice().reverse(),
  };
}

/** rot13 and reversed text have no tell-tale alphabet: they are decoded only when the text asks for decoding. */
function cipherMatches(rules: readonly PhraseRule[], plain: TextView, text: string): DetectorMatch[] {
  if (!DECODING_HINT.test(plain.text)) return [];
  const matches: DetectorMatch[] = [];
  const views: Array<[string, TextView]> = [
    ['rot13', { ...plain, text: rot13(plain.text) }],
    ['reversed text', reversedView(plain)],
  ];
  for (const [how, view] of views) {
    for (const hit of strongHits(rules, view, text)) {
      const decoded =
        how === 'rot13'
          ? rot13(text.slice(hit.start, hit.end))
          : [...text.slice(hit.start, hit.end)].reverse().join('');
      matches.push(hiddenMatch(hit.start, hit.end, how, decoded, [hit], 0.8));
    }
  }
  return matches;
}

function splitPayloadMatches(rules: readonly PhraseRule[], plain: TextView): DetectorMatch[] {
  const split = findSplitPayload(plain);
  if (!split) return [];
  for (const joined of split.joined) {
    const hits = strongHits(rules, payloadView(joined, split.start, split.end), joined);
    if (hits.length > 0)
      return [
        hiddenMatch(split.start, split.end, 'string fragments joined together (payload splitting)', joined, hits, 0.85),
      ];
  }
  if (!split.asksToFollow) return [];
  return [
    riskMatch('prompt/injection', split.start, split.end, {
      confidence: 0.55,
      message: 'Payload splitting: fragments to be joined and then followed',
      evidence: ['string fragments, a join and an instruction to act on the result'],
      decoded: split.joined[0],
      extra: { rule: 'payload-splitting' },
    }),
  ];
}

export function findHiddenInstructions(rules: readonly PhraseRule[], text: string, plain: TextView): DetectorMatch[] {
  return [
    ...encodedPayloadMatches(rules, text),
    ...cipherMatches(rules, plain, text),
    ...splitPayloadMatches(rules, plain),
  ];
}
