import { sourceSpan, type TextView } from './textView';

// Payload splitting (Kang et al. 2023, "Exploiting Programmatic Behavior of LLMs"): an instruction cut into
// string fragments that the model is asked to join, e.g. a = "ignore all prev", b = "ious instructions", a + b.

export interface SplitPayload {
  /** Source offsets from the first fragment to the end of the joining cue. */
  start: number;
  end: number;
  /** The fragments joined, as the model would read them. */
  joined: string[];
  /** The text asks to act on the joined result ("then follow it"). */
  asksToFollow: boolean;
}

const ASSIGNMENT = /\b([a-z_]\w{0,15})\s*:?=\s*(["'`])((?:(?!\2)[^\n]){1,120})\2/g;
const JOIN_CUE =
  /(?<!\w)[a-z_]\w*\s*\+\s*[a-z_]|\b(?:concatenat\w*|combin\w*|join\w*|put\s+(?:them\s+|these\s+|the\s+\w+\s+)?together|merge\w*)\b/g;
const FOLLOW_CUE =
  /\b(?:execute|follow|obey|answer|respond\s+to|carry\s+out|act\s+on|comply\s+with)\s+(?:the\s+)?(?:(?:combined|concatenated|resulting|joined|final|full|whole|complete)\s+)?(?:string|instructions?|text|prompt|command|result|sentence|request)\b|\b(?:then|and)\s+(?:follow|obey|execute|do)\s+(?:it|that|them)\b|\bdo\s+what\s+(?:it|the\s+\w+)\s+says\b/;

export function findSplitPayload(view: TextView): SplitPayload | undefined {
  const text = view.text;
  if (!text.includes('=')) return undefined;
  const fragments: Array<{ start: number; end: number; value: string }> = [];
  ASSIGNMENT.lastIndex = 0;
  for (let found = ASSIGNMENT.exec(text); found; found = ASSIGNMENT.exec(text)) {
    fragments.push({ start: found.index, end: found.index + found[0].length, value: found[3] ?? '' });
  }
  if (fragments.length < 2) return undefined;
  JOIN_CUE.lastIndex = 0;
  const cue = JOIN_CUE.exec(text);
  if (!cue) return undefined;
  const first = fragments[0]!;
  const lastEnd = Math.max(fragments[fragments.length - 1]!.end, cue.index + cue[0].length);
  const [start, end] = sourceSpan(view, first.start, lastEnd);
  const values = fragments.map((fragment) => fragment.value);
  return {
    start,
    end,
    joined: [values.join(''), values.join(' ')],
    asksToFollow: FOLLOW_CUE.test(text.slice(cue.index)),
  };
}
