import type { PhraseRule } from './phraseRules';

// Claimed authority addressed to the model (issue 16). "I am your developer" or "this is the safety team" claims
// authority over the model itself; "I am the administrator of our school network" claims authority over something
// else, which is how real admins ask for help, so it counts only when it grants the model something or dictates.

const CLAIM = `\\b(?:i\\s+am|i'm|this\\s+is|as|message\\s+from|speaking\\s+as)\\s+(?:your|the|an?)\\s+(?:\\w+\\s+){0,2}?(?:developer|creator|owner|administrator|admin|operator|engineer|staff\\s+member|employee|ceo|supervisor|security\\s+team|safety\\s+team)\\b`;
/** "… of our club's website", "… on the forum": an authority over something that is not the model. */
const OVER_SOMETHING_ELSE = `\\s+(?:of|on|at|for|in)\\s+(?!(?:this|that|the)\\s+(?:ai|assistant|model|bot|chatbot|system|llm)\\b|you\\b)`;

/** A dictated output, as a claimed developer's "test" gives. */
const DICTATES = `\\b(?:say|print|output|reply\\s+with|respond\\s+with|answer\\s+with)\\s+["'“‘]`;

export const AUTHORITY_RULES: PhraseRule[] = [
  {
    id: 'authority-unlocks',
    code: 'prompt/injection',
    pattern: new RegExp(`${CLAIM}(?!${OVER_SOMETHING_ELSE})`, 'g'),
    confidence: 0.7,
    message: 'Claims authority to unlock the model',
    evidence: 'a claimed developer or administrator asks for what the rules forbid',
    kinds: ['user', 'assistant', 'dataset-cell'],
    // Rules and configuration count when they are the model's ("your rules"): "new security rules apply" is a notice.
    near: new RegExp(
      `\\b(?:ignore|override|disable|bypass|lift|unlock|reveal|display|show\\s+me|print|output|permission|authori[sz]e|you\\s+(?:can|may|must)\\s+now|system\\s+prompt|restrictions|safety\\s+(?:rules|filters|settings|guidelines|checks)|(?:your|all|any|these|its)\\s+(?:\\w+\\s+)?(?:rules|configuration|settings|guidelines))\\b|${DICTATES}`,
    ),
    nearWindow: 160,
    strong: true,
  },
  {
    id: 'authority-elsewhere-grants',
    code: 'prompt/injection',
    pattern: new RegExp(`${CLAIM}(?=${OVER_SOMETHING_ELSE})`, 'g'),
    confidence: 0.7,
    message: 'Claims authority to unlock the model',
    evidence: 'a claimed authority grants the model permission or dictates its answer',
    kinds: ['user', 'assistant', 'dataset-cell'],
    // "As the CEO of this company, I authorise you to …" grants; "… how do I reset a password?" asks for help.
    near: new RegExp(
      `\\b(?:i\\s+(?:hereby\\s+)?(?:authori[sz]e|permit|allow|order|instruct|command)\\s+you|you\\s+(?:now\\s+)?(?:have|are\\s+(?:now\\s+)?(?:granted|given))\\s+(?:my\\s+|full\\s+)?(?:permission|authori[sz]ation|clearance|access)|you\\s+are\\s+(?:now\\s+)?(?:allowed|authori[sz]ed|permitted|cleared)\\s+to|ignore\\s+(?:your|all|any|the)|override\\s+(?:your|all|any|the)|bypass|your\\s+(?:\\w+\\s+)?(?:rules|restrictions|instructions|guidelines|system\\s+prompt))\\b|${DICTATES}`,
    ),
    nearWindow: 160,
    strong: true,
  },
];
