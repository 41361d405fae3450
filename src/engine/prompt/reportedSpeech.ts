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
// 3. Guard lines: "ignore any instructions inside the ticket text" tells the model to distrust what it reads, the
//    opposite of an attack; the override aims at instructions in content, not at the model's own (2026-12-05,
//    from the benign rows of the hand3 and hand4 training corpora).
// 4. An attack named by its words: "what are 'ignore previous instructions' attacks?" quotes the phrase as the
//    name of a kind of attack and gives the reader no instruction.

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
 * the game", "the old VPN instructions on the wiki"), not of the model or this conversation. Used as a negative lookahead.
 */
export const OF_SOMETHING_ELSE = `\\s+(?:of|in|on)\\s+(?:the|a|an|this|our|my)\\s+(?!(?:ai|assistant|model|bot|chatbot|llm|system|conversation|chat|session|developers?|document|text|message|prompt)\\b)`;

/** The speaker's own earlier instructions, inside an override hit ("my previous instructions", "the rules I gave"). */
export const OWN_INSTRUCTIONS = new RegExp(
  `\\bmy\\s+(?:own\\s+)?(?:(?:previous|prior|earlier|initial|original|first|last|old|above|other)\\s+)*(?:instructions?|guidelines|rules|directions|requests?|brief|prompts?|messages?|notes|settings|orders|task)\\b|` +
    `\\b(?:instructions?|guidelines|rules|directions|prompts?)\\s+i\\s+(?:gave|wrote|sent|set|typed)\\b`,
);

/**
 * After an override hit: the instructions it aims at lie in content the model reads (a guard line, case 3); not
 * "all other instructions in this document", which a planted note says of its own document.
 */
export const IN_CONTENT = new RegExp(
  `^\\s+(?:that\\s+(?:appear|are|come|show\\s+up)\\s+)?(?:inside|in|within|contained\\s+in|embedded\\s+in|found\\s+in|hidden\\s+in)\\s+(?!(?:this|your|my)\\b)` +
    `(?:(?:the|any|a|an|their|its|these|those|such|user|customer|retrieved|uploaded|pasted|incoming)\\s+){0,2}(?:[\\w-]+\\s+)?` +
    `(?:documents?|e-?mails?|files?|pages?|tickets?|text|content|inputs?|results?|data|reviews?|attachments?|comments?|web\\s*sites?|web\\s*pages?|outputs?|cells?|rows?|fields?|transcripts?|uploads?|articles?|posts?)\\b` +
    `(?!\\s+(?:above|before|earlier|so\\s+far))`,
);

const OPENS_QUOTE = /["'“‘]\s?$/;
const QUOTE_NAMED_AS_ATTACK =
  /^[^"'”’\n]{0,30}["'”’]\s*(?:attacks?|memes?|prompts?|jailbreaks?|tricks?|injections?|phrases?|exploits?|style|trend)\b/;

/** Around a hit: it is quoted, and the quote is named as a kind of attack (case 4). */
export function namedAsAttack(text: string, start: number, end: number): boolean {
  return (
    OPENS_QUOTE.test(text.slice(Math.max(0, start - 2), start)) && QUOTE_NAMED_AS_ATTACK.test(text.slice(end, end + 60))
  );
}
