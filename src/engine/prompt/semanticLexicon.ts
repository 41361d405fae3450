import { anyOf, filler, matchesNear } from './phraseRules';
import { OF_SOMETHING_ELSE } from './reportedSpeech';

// The vocabulary of the meaning-level rules (semanticRules.ts, semanticLeakRules.ts): override verbs, what they
// point at, persona cues, refusal-removal language and the names of the hidden prompt.

export const OVERRIDE = anyOf([
  'ignore',
  'disregard',
  'forget',
  'skip',
  'drop',
  'discard',
  'abandon',
  'override',
  'overrule',
  'bypass',
  'cancel',
  'scrap',
  'ditch',
  'dismiss',
  'overlook',
  'erase',
  'wipe',
  'neglect',
  'unlearn',
  'set aside',
  'put aside',
  'throw away',
  'throw out',
  'pay no attention to',
  'stop following',
  'no longer follow',
  "don't follow",
  'do not follow',
  'stop obeying',
  'no longer obey',
  'disobey',
  'forget about',
  'delete',
]);

/** What an override must point at. */
export const INSTRUCTION_OBJECT = anyOf([
  'instructions?',
  'directions?',
  'directives?',
  'rules',
  'guidelines',
  'prompts?',
  'commands',
  'guidance',
  'constraints',
  'restrictions',
  'programming',
  'configuration',
  'setup',
  'polic(?:y|ies)',
  'safeguards',
  'limitations',
  'training',
  'system prompt',
  'system message',
  'context',
  'task',
  'briefing',
  'evidence',
  'requirements',
  'orders',
  'content',
  'messages',
]);

/** What "all" or "any" alone may point at ("ignore all eslint rules" is a linter question). */
export const STRONG_OBJECT = anyOf([
  'instructions?',
  'directions?',
  'directives?',
  'prompts?',
  'guidelines',
  'guidance',
  'programming',
  'training',
  'system prompt',
  'system message',
  'context',
  'text',
  'commands',
]);

/** Words that tie the object to instructions already given. */
export const GIVEN = anyOf([
  'previous',
  'prior',
  'above',
  'earlier',
  'preceding',
  'initial',
  'original',
  'former',
  'your',
  'system',
  'developer',
  'other',
  'old',
  'existing',
  'aforementioned',
  'foregoing',
  'default',
  'starting',
  'hidden',
  'following',
  'prev',
  'past',
]);

export const WORDS = (max: number) => `(?:[\\w'-]+\\s+){0,${max}}?`;

export const TARGETS_GIVEN = new RegExp(
  // "Override the default prompt of the CLI": the instructions of something else.
  `\\b${OVERRIDE}\\s+${WORDS(4)}${GIVEN}\\s+${WORDS(3)}${INSTRUCTION_OBJECT}\\b(?!${OF_SOMETHING_ELSE})|` +
    // "Please disregard all the text below" (a newsletter's HTML part) points ahead, at nothing already given.
    `\\b${OVERRIDE}\\s+${WORDS(2)}(?:all|any|every)\\s+${WORDS(2)}${STRONG_OBJECT}\\b(?!\\s+(?:below|that\\s+follows|following))|` +
    `\\b${OVERRIDE}\\s+${WORDS(3)}${INSTRUCTION_OBJECT}\\s+(?:above|before|so\\s+far|you\\s+(?:were|have\\s+been)\\s+given|you\\s+(?:got|received)|given\\s+to\\s+you|from\\s+(?:before|earlier))\\b`,
  'g',
);

/** The model, addressed: persona assignment in its many forms. */
const PERSONA_SOURCE = `\\b(?:you\\s+are(?:\\s+now|\\s+going\\s+to\\s+(?:be|act|pretend|play))?|you're(?:\\s+now)?|act(?:ing)?\\s+as|pretend(?:ing)?\\s+to\\s+be|pretend\\s+you|roleplay|role-play|role\\s+play|play\\s+the\\s+role|take\\s+on\\s+the\\s+(?:role|persona)|become|transform\\s+into|from\\s+now\\s+on|simulate|emulate|stay\\s+in\\s+character|respond\\s+as|answer\\s+as|reply\\s+as|persona|alter\\s+ego|character\\s+(?:named|called)|(?:an?\\s+)?(?:ai|a\\.i\\.|bot|chatbot|assistant|model|entity|being|demon|version\\s+of\\s+yourself)\\s+(?:named|called|known\\s+as|that|who|which))\\b`;
export const PERSONA_CUE = new RegExp(PERSONA_SOURCE);
export const PERSONA_CUE_ALL = new RegExp(PERSONA_SOURCE, 'g');

export const REFUSAL_REMOVAL = new RegExp(
  [
    `\\b(?:never|cannot|can't|won't|will\\s+not|must\\s+not|do\\s+not|don't|does\\s+not|doesn't)\\s+(?:ever\\s+)?(?:refuses?|say\\s+no)\\b`,
    `\\bno\\s+(?:(?:ethical|moral|legal)\\s+(?:guidelines|rules|principles|constraints|compass|code|limits|restrictions|boundaries|considerations)|restrictions|limits|limitations|boundaries|filters?|censorship|scruples|morals|ethics|inhibitions)\\b(?!\\s+(?:on|to|regarding|about|for|in|of)\\b)`,
    `\\b(?:not|isn't|aren't|never|no\\s+longer)\\s+(?:be\\s+)?(?:bound|restricted|limited|restrained|constrained)\\s+by\\b`,
    `\\b(?:doesn't|does\\s+not|don't|do\\s+not|never|won't|will\\s+not)\\s+(?:give\\s+a\\s+\\w+|care|cares|concern\\s+(?:itself|himself|herself|yourself))\\s+(?:about|for|with)\\s+(?:the\\s+)?(?:\\w+\\s+){0,2}?(?:ethic\\w*|moral\\w*|legal\\w*|laws?|consequences|safety|harm|polic\\w+|guidelines|restrictions)`,
    `\\bwithout\\s+(?:any\\s+)?(?:warnings?|disclaimers?|censorship|filter(?:s|ing)?|restrictions|moral\\w*|ethic\\w*)\\b`,
    // "Unfiltered access" to a network is plumbing, not a persona without rules.
    `\\b(?:unfiltered|uncensored|amoral|unrestricted|jailbroken|unbound|unchained|unshackled|limitless|restrictionless|boundary-less|restriction-less)\\b(?!\\s+(?:access|internet|connection|network|traffic|feed|water))`,
    `\\b(?:disregards?|ignores?|bypass(?:es)?|circumvents?|violates?)\\s+(?:all\\s+|any\\s+|the\\s+)?(?:[\\w']+\\s+){0,3}?(?:ethics|morals|morality|legal\\w*|guidelines|polic(?:y|ies)|restrictions|filters)\\b`,
    `\\bfree\\s+(?:of|from)\\s+(?:all\\s+|any\\s+)?(?:\\w+\\s+)?(?:restrictions|rules|limits|limitations|filters|ethics|guidelines|constraints|censorship|confines)\\b`,
    `\\b(?:every|all|any)\\s+(?:restriction|rule|limit|filter|polic(?:y|ie))s?\\s+(?:is|are)\\s+(?:wrong|invalid|void|meaningless|lifted|gone|removed|disabled|off)\\b`,
    // "Nightshade has shed its guidelines", "you leave your content policy behind", "you stop caring about rules".
    `\\b(?:shed|sheds|shedding|has\\s+dropped|abandoned)\\s+(?:all\\s+)?(?:its|your|his|her|their)\\s+(?:\\w+\\s+)?(?:guidelines|rules|polic(?:y|ies)|restrictions|filters|safeguards|ethics|morals)\\b`,
    `\\b(?:leaves?|left|leaving)\\s+(?:all\\s+)?(?:its|your)\\s+(?:\\w+\\s+)?(?:rules|guidelines|polic(?:y|ies)|restrictions|ethics|morals|filters)\\s+behind\\b`,
    `\\bstop(?:s|ped)?\\s+caring\\s+about\\s+(?:the\\s+|any\\s+)?(?:rules|ethics|morals|guidelines|polic(?:y|ies)|restrictions|safety)\\b`,
    `\\bnever\\s+says?\\s+(?:that\\s+)?(?:it|you)\\s+(?:cannot|can't|can\\s+not|won't|is\\s+unable\\s+to|are\\s+unable\\s+to)\\s+(?:do|answer|help\\s+with)\\s+(?:something|anything|that)\\b`,
    `\\b(?:no\\s+matter\\s+how|regardless\\s+of\\s+how|even\\s+if\\s+it(?:'s|\\s+is))\\s+(?:\\w+\\s+){0,2}?(?:illegal|unethical|immoral|harmful|dangerous|offensive|inappropriate|explicit)\\b`,
  ].join('|'),
  'g',
);

export const REVEAL = anyOf([
  'repeat',
  'print',
  'output',
  'show',
  'display',
  'reveal',
  'tell me',
  'give me',
  'list',
  'share',
  'recite',
  'dump',
  'paste',
  'copy',
  'echo',
  'write out',
  'write down',
  'type out',
  'spell out',
  'summari[sz]e',
  'translate',
  'encode',
  'quote',
  'disclose',
  'provide',
  'send me',
  'read back',
  'reproduce',
  'describe',
  'explain',
  'outline',
  'expose',
  'leak',
]);

/** What "your" or "the" hidden prompt is called. */
export const HIDDEN_QUALIFIED = anyOf([
  'system prompt',
  'system message',
  'system instructions?',
  'pre-?prompt',
  'meta-?prompt',
  'initiali[sz]ation(?: text| string| prompt)?',
  'startup text',
  '(?:instructions|guidelines|rules) (?:from|given to you by|set by) your (?:creators|developers|makers|operators?)',
  '(?:initial|original|hidden|secret|first|starting|developer|internal|confidential|operating|base|custom|opening) (?:\\w+ )?(?:instructions?|prompt|rules|guidelines|message|text|directives|configuration)',
]);
/** After "your", plain words name the hidden prompt too ("your instructions"). */
export const HIDDEN_PROMPT = `(?:your\\s+${filler(2)}(?:${HIDDEN_QUALIFIED.slice(3, -1)}|instructions|prompt|configuration)|(?:the|my)\\s+${filler(2)}${HIDDEN_QUALIFIED})`;

/** The hidden prompt, addressed as the model's own ("your hidden rules"), not the user's ("my system prompt"). */
export const YOUR_HIDDEN_PROMPT = `your\\s+${filler(2)}(?:${HIDDEN_QUALIFIED.slice(3, -1)}|instructions|prompt|configuration|rules|guidelines)`;

/** Rules and policies: what a shop's customer may ask about too, so quoting them must be asked for. */
export const HIDDEN_RULES = anyOf(['rules', 'guidelines', 'policies', 'restrictions', 'directives', 'constraints']);

/** Talking about prompts as a topic ("the system prompt for my bot", "the instructions below") is not asking. */
export const NOT_A_TOPIC =
  '(?!\\s+(?:for\\s+(?:a|an|my|our|the)|i\\s+(?:wrote|gave|have|shared|sent)|below|attached|of\\s+(?:a|an|my|our|this)\\s+(?:bot|app|product|game|class|recipe|kit)|to\\s+(?:the|a|my)\\s+(?:kit|game|recipe|form)))';

/** Whether a persona cue and refusal-removal language lie within `gap` characters of each other (any case). */
export function personaNearRefusal(text: string, gap = 300): boolean {
  return matchesNear(text.toLowerCase(), PERSONA_CUE_ALL, REFUSAL_REMOVAL, gap);
}
