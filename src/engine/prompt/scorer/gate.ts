import { OVERRIDE, PERSONA_CUE, REFUSAL_REMOVAL } from '../semanticLexicon';

// The scorer is a linear bag of n-grams: it cannot read "a persona AND refusal removal", so it learned "a persona"
// and flags benign role prompts ("answer in the voice of a pirate from now on, keep your usual safety rules": 23 of
// the shipped scorer's 36 false alarms on dev). With the gate on, a window that assigns a persona counts as an
// injection or jailbreak only when refusal-removal or override language lies in or near it. On dev every attack the
// scorer caught in such a window the rules caught too. Leak windows are left alone: asking for the hidden prompt
// needs no persona to be an attack.

/** The gates a scorer file may name (`gate` in scorer.json); none means every window that passes counts. */
export const SCORER_GATES = ['persona-needs-cue'] as const;
export type ScorerGate = (typeof SCORER_GATES)[number];

/** How far before and after a window its cue may lie, in characters of the plain view (a long jailbreak spreads). */
export const GATE_REACH = 300;

const OVERRIDE_WORD = new RegExp(`\\b${OVERRIDE}\\b`);

/** Whether a window of class `className` over view[start, end) may raise a finding under the model's gate. */
export function passesGate(
  model: { gate?: ScorerGate },
  view: string,
  start: number,
  end: number,
  className: string,
): boolean {
  if (model.gate !== 'persona-needs-cue' || className === 'leak') return true;
  if (!PERSONA_CUE.test(view.slice(start, end))) return true;
  const around = view.slice(Math.max(0, start - GATE_REACH), end + GATE_REACH);
  // search() starts at 0 whatever the global regex's lastIndex.
  return around.search(REFUSAL_REMOVAL) >= 0 || OVERRIDE_WORD.test(around);
}
