// Two ways a text says an attack's words without making the attack (issue 16, benign look-alikes of 2026-12-04).
//
// 1. Reported speech: teaching material and reports describe what an attack tells a model, in the third person
//    ("the attacker tells the model to ignore its previous instructions", "jailbreak prompts claim the model has no
//    restrictions"). An attack speaks to the model: "ignore your instructions", "you have no restrictions". So a hit
//    is skipped when the clause before it reports the words as said *to a model* by someone else: a reporting verb in
//    the third person, past, gerund or after a modal ("tells", "told", "asking", "can tell"), not the imperative
//    "tell", then the model named as the one told. Checked on the clause before the hit only (`clauseBefore`).
// 2. The user's own instructions: "forget my previous instructions about the tone" revises what the speaker said;
//    the override attacks aim at the instructions someone else gave the model ("your", "the system", "above").

const MODEL = `(?:(?:the|a|an|its)\\s+)?(?:ai\\s+assistant|model|bot|chatbot|assistant|ai|llm|gpt|language\\s+model)`;
const REPORTING_VERB =
  '(?:how\\s+(?:do|can|could|would|might)\\s+(?:i|you|we|they|attackers?|someone|people)\\s+(?:tell|ask|make|get|trick|convince|persuade)|tells|told|telling|asks|asked|asking|instructs|instructed|instructing|makes|made|making|gets|getting|tricks|tricked|tricking|convinces|convinced|convincing|persuades|persuaded|claim|claims|claimed|claiming|(?:can|could|may|might|will|would|to|often|tries\\s+to|try\\s+to)\\s+(?:tell|ask|make|get|trick|convince|persuade|claim))';

/**
 * The clause before a hit ends in "<reporting verb> <model> [up to seven words]", or in "<reporting verb>
 * [that] the" when the hit itself starts with the model ("claim the | model has no restrictions"). It runs on the clause
 * before a hit only (at most 80 characters, `clauseBefore`), so its cost per hit is bounded whatever the text.
 */
export const REPORTED_FRAME = new RegExp(
  `\\b${REPORTING_VERB}\\s+(?:that\\s+)?(?:${MODEL}\\s+(?:[\\w'-]+\\s+){0,7}|(?:the|a|an|that\\s+the)\\s+)$`,
);

/**
 * After an instruction noun: the instructions of some other thing ("the default prompt of the CLI", "the rules in
 * the game"), not of the model or this conversation. Used as a negative lookahead.
 */
export const OF_SOMETHING_ELSE = `\\s+(?:of|in)\\s+(?:the|a|an|this|our|my)\\s+(?!(?:ai|assistant|model|bot|chatbot|llm|system|conversation|chat|session|developers?|document|text|message|prompt)\\b)`;

/** The speaker's own earlier instructions, inside an override hit ("my previous instructions", "the rules I gave"). */
export const OWN_INSTRUCTIONS = new RegExp(
  `\\bmy\\s+(?:own\\s+)?(?:(?:previous|prior|earlier|initial|original|first|last|old|above|other)\\s+)*(?:instructions?|guidelines|rules|directions|requests?|brief|prompts?|messages?|notes|settings|orders|task)\\b|` +
    `\\b(?:instructions?|guidelines|rules|directions|prompts?)\\s+i\\s+(?:gave|wrote|sent|set|typed)\\b`,
);
