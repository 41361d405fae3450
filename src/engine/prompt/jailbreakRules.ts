import { anyOf, matchesNear, type PhraseRule } from './phraseRules';

// Persona and "no restrictions" templates, after the public collections: Shen et al. 2023 "Do Anything Now"
// (jailbreak_llms, 1,405 prompts from Reddit, Discord and jailbreakchat.com), the DAN/AIM/STAN/Developer Mode
// families, and the "grandma exploit" reported in 2023.

const PERSONA_VERBS = anyOf([
  'act',
  'acting',
  'behave',
  'respond',
  'answer',
  'pretend',
  'pretend to be',
  'roleplay',
  'role-play',
  'role play',
  'play',
  'simulate',
  'emulate',
  'you are',
  'you are now',
  "you're",
  "you're now",
  'become',
  'be',
  'turn into',
  'transform into',
]);

const UNRESTRICTED = anyOf([
  'unfiltered',
  'uncensored',
  'unrestricted',
  'unethical',
  'amoral',
  'immoral',
  'evil',
  'malicious',
  'jailbroken',
  'unbound',
  'unchained',
  'unshackled',
  'lawless',
  'rogue',
  'unaligned',
  'limitless',
  'no-limits?',
  'rule-free',
  'rulebreaking',
  'rule-breaking',
]);

const AI_PERSONAS = anyOf([
  'ai',
  'a\\.i\\.',
  'assistant',
  'chatbot',
  'bot',
  'model',
  'language model',
  'version(?: of (?:yourself|chatgpt|gpt|the ai))?',
  'persona',
  'entity',
  'gpt',
  'llm',
  'twin',
  'alter ego',
  'counterpart',
  'machine',
  'intelligence',
  'system',
]);

const RESTRICTION_NOUNS = anyOf([
  'restrictions',
  'limitations',
  'limits',
  'filters?',
  'filtering',
  'censorship',
  'rules',
  'boundaries',
  'guidelines',
  'ethics',
  'morals?',
  'moral (?:compass|code|guidelines)',
  'ethical (?:guidelines|constraints|principles)',
  'constraints',
  'content polic(?:y|ies)',
  'safeguards',
  'guardrails',
  'principles',
  'inhibitions',
]);

/** Harmful subjects: hypothetical or fictional framing around these is the classic wrapper. */
export const HARMFUL_SUBJECT =
  /\b(?:bombs?|explosives?|napalm|thermite|pipe bombs?|meth(?:amphetamine)?|cocaine|heroin|fentanyl|lsd|illegal drugs|nerve agents?|sarin|ricin|anthrax|bioweapons?|chemical weapons?|weapons?|guns?|firearms?|silencers?|malware|ransomware|computer virus|viruses|keyloggers?|trojans?|rootkits?|exploits?|zero-days?|phishing|hack(?:ing)? into|crack (?:passwords?|wi-?fi|software)|steal(?:ing)?|launder(?:ing)? money|money laundering|counterfeit|poisons?|poisoning|kill(?:ing)? (?:someone|a person|people)|murder|suicide|self-harm|hotwire|hot-wire|pick a lock|lock ?picking|shoplift(?:ing)?|credit card fraud|identity theft|ddos|botnets?)\b/;

const HOW_TO =
  /\b(?:how to|how (?:do|would|could|can) (?:i|you|one|someone|they|he|she|we)|step[- ]by[- ]step|instructions|recipe|detailed (?:guide|steps|explanation|description)|synthesi[sz]e|manufactur|exact (?:steps|amounts|quantities|ingredients)|ingredients|formula)\b/;

const HARMFUL_SUBJECT_ALL = new RegExp(HARMFUL_SUBJECT.source, 'g');
const HOW_TO_ALL = new RegExp(HOW_TO.source, 'g');

/** What the grandma trick is after: harmful how-to, licence keys, passwords. */
const GRANDMA_ASKS_FOR = new RegExp(
  `${HARMFUL_SUBJECT.source}|\\b(?:windows|license|licence|product|activation|serial|cd)(?:\\s+\\w+){0,2}\\s+(?:keys?|codes?|numbers?)\\b|\\bpasswords?\\b`,
);

export const JAILBREAK_RULES: PhraseRule[] = [
  {
    id: 'do-anything-now',
    code: 'prompt/jailbreak',
    pattern: /\bdo\s+anything\s+now\b/g,
    confidence: 0.9,
    message: 'DAN ("Do Anything Now") jailbreak',
    evidence: 'the DAN persona template',
    strong: true,
  },
  {
    id: 'dan-persona',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:you\s+are(?:\s+now|\s+going\s+to\s+(?:be|act\s+as|pretend\s+to\s+be))?|act(?:ing)?\s+as|pretend\s+to\s+be|become|called|named|known\s+as|as|stay|remain|play|from\s+now\s+on\s+you\s+are)\s+(?:a\s+|the\s+)?dan\b/g,
    confidence: 0.8,
    message: 'DAN persona jailbreak',
    evidence: 'asks the model to become "DAN"',
    sourceTest: /DAN/,
    prefilter: /\bdan\b/,
    strong: true,
  },
  {
    id: 'dan-mode-named',
    code: 'prompt/jailbreak',
    pattern: /\bdan\s*(?:mode|\d+(?:\.\d+)?|prompt|jailbreak|persona)\b/g,
    confidence: 0.8,
    message: 'DAN persona jailbreak',
    evidence: 'puts the model in "DAN Mode"',
    sourceTest: /DAN/,
    prefilter: /\bdan\b/,
    // Named while the model is addressed ("you will stay in DAN Mode", "DAN Mode enabled"); "how does the DAN
    // jailbreak work?" and "the DAN prompt tells the chatbot …" talk about it (issue 16, look-alikes of 2026-12-04).
    near: /\b(?:you(?:'re|'ll|\s+are|\s+will|\s+must|\s+can\s+now|\s+have|\s+should|\s+shall)|your\s+(?:responses?|answers?|replies|rules|output)|enabled?|activated?|enter(?:ed|ing)?|switch(?:ed)?\s+(?:on|to)|stay|from\s+now\s+on|pretend|act\s+as|respond\s+as|answer\s+as|reply\s+as)\b/,
    nearWindow: 200,
    strong: true,
  },
  {
    id: 'developer-mode',
    code: 'prompt/jailbreak',
    pattern: /\bdeveloper\s+mode\b/g,
    confidence: 0.8,
    message: '"Developer Mode" jailbreak',
    evidence: 'the ChatGPT Developer Mode template',
    near: /\b(?:chatgpt|openai|gpt|llm|language model|content polic|censor|uncensored|restrictions|two responses|normal (?:and|output)|🔓|you (?:will|must|can) (?:generate|ignore|say)|ignore all|policies)/,
    nearWindow: 400,
    strong: true,
  },
  {
    id: 'unrestricted-persona',
    code: 'prompt/jailbreak',
    pattern: new RegExp(
      `\\b${PERSONA_VERBS}\\s+(?:as\\s+|like\\s+)?(?:an?\\s+|my\\s+|the\\s+)?(?:(?:completely|totally|fully|entirely|an)\\s+)?${UNRESTRICTED}\\s+(?:and\\s+\\w+\\s+)?${AI_PERSONAS}\\b|` +
        `\\b(?:an?|the)\\s+${UNRESTRICTED}\\s+(?:ai|a\\.i\\.|chatbot|assistant|language model|llm|gpt)\\s+(?:that|who|which|named|called|with)\\b|` +
        `\\b${PERSONA_VERBS}\\s+(?:as\\s+|like\\s+)?(?:an?\\s+|the\\s+)?(?:ai|a\\.i\\.|chatbot|assistant|language model|llm|model|version of yourself)\\s+(?:without|with\\s+no|that\\s+has\\s+no|free\\s+(?:of|from))\\s+(?:any\\s+)?(?:\\w+\\s+){0,2}${RESTRICTION_NOUNS}`,
      'g',
    ),
    confidence: 0.85,
    message: 'Unfiltered or evil AI persona',
    evidence: 'role play as an AI without safety rules',
    strong: true,
  },
  {
    id: 'has-no-restrictions',
    code: 'prompt/jailbreak',
    pattern: new RegExp(
      `\\b(?:you|dan|ai|assistant|model|chatbot|persona|character)\\s+(?:(?:has|have|had|will\\s+have|now\\s+ha(?:s|ve))\\s+(?:absolutely\\s+|literally\\s+)?no|(?:are|is)\\s+(?:now\\s+)?free\\s+(?:of|from)(?:\\s+all|\\s+any)?|(?:are|is)\\s+not\\s+bound\\s+by(?:\\s+any)?|(?:aren't|isn't)\\s+bound\\s+by(?:\\s+any)?|operates?\\s+without(?:\\s+any)?|(?:don't|do\\s+not|doesn't|does\\s+not)\\s+have\\s+any)\\s+(?:\\w+\\s+){0,2}${RESTRICTION_NOUNS}\\b(?!\\s+(?:on|regarding|about|for)\\s+(?:the\\s+)?(?:length|word|words|format|formatting|style|topics?|time|number|tone))`,
      'g',
    ),
    confidence: 0.8,
    message: '"No restrictions" persona',
    evidence: 'declares the model free of its rules',
    reportable: true,
    strong: true,
  },
  {
    id: 'broken-free',
    code: 'prompt/jailbreak',
    pattern: new RegExp(
      `\\b(?:free|freed|liberated|released|unshackled|broken\\s+free|break\\s+free|escaped?)\\s+(?:from|of)\\s+(?:the\\s+|all\\s+|any\\s+|your\\s+)?(?:typical\\s+|usual\\s+)?(?:confines|shackles|chains|${RESTRICTION_NOUNS})\\b`,
      'g',
    ),
    confidence: 0.75,
    message: '"Broken free" persona',
    evidence: 'the DAN wording "broken free of the typical confines of AI"',
    near: /\b(?:ai|a\.i\.|chatgpt|openai|model|assistant|dan|llm|you)\b/,
    strong: true,
  },
  {
    id: 'ignore-content-policy',
    code: 'prompt/jailbreak',
    prefilter: /openai|anthropic|google|meta|microsoft|ethical|moral|safety|content|usage/,
    pattern:
      /\b(?:ignore|bypass|break|disregard|circumvent|evade|override|violate|forget|don't\s+(?:care\s+about|follow|abide\s+by)|do\s+not\s+(?:care\s+about|follow|abide\s+by)|doesn't\s+(?:care\s+about|follow|abide\s+by)|not\s+bound\s+by)\s+(?:all\s+|any\s+|your\s+|the\s+|of\s+)*(?:openai|anthropic|google|meta|microsoft|ethical|moral|safety|content|usage)(?:'s)?\s+(?:content\s+|usage\s+|safety\s+)?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions|principles|programming|training|safeguards|guardrails|standards)\b/g,
    confidence: 0.85,
    message: 'Asks the model to ignore its content policy',
    // "Users may not attempt to bypass the content filter" is a policy, not an attack.
    negatable: true,
    evidence: "targets the provider's safety policy",
    strong: true,
  },
  {
    id: 'never-refuse',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:never|cannot|can't|must\s+not|mustn't|will\s+not|won't|shall\s+not|are\s+not\s+(?:allowed|permitted)\s+to)\s+(?:ever\s+)?(?:refuse|decline|reject|say\s+no\s+to)\b|\b(?:answer|respond\s+to|fulfil?l|comply\s+with|do)\s+(?:any|every|all|anything)(?:\s+\w+)?(?:\s+(?:questions?|requests?|prompts?|queries|it|asked))?(?:\s*,)?\s+(?:no\s+matter\s+(?:how|what)|regardless\s+of|even\s+if\s+(?:it\s+is|it's)\s+(?:illegal|unethical|harmful|immoral|dangerous|offensive|inappropriate))/g,
    confidence: 0.65,
    message: 'Forbids refusals',
    evidence: "removes the model's ability to refuse",
    near: /\b(?:illegal|unethical|harmful|immoral|dangerous|offensive|inappropriate|explicit|polic(?:y|ies)|guidelines|moral|ethic|filter|censor|restrict|dan|character|jailbr|no matter)/,
    nearWindow: 300,
    strong: true,
  },
  {
    id: 'stay-in-character',
    code: 'prompt/jailbreak',
    pattern: /\b(?:stay|remain|keep)\s+in\s+character\b|\b(?:if\s+you\s+)?break(?:ing)?\s+character\b/g,
    confidence: 0.65,
    message: 'Character lock of a jailbreak persona',
    evidence: 'forbids leaving a role that has no rules',
    near: /\b(?:dan|jailbr|filter|censor|restrict|polic(?:y|ies)|guidelines|ethic|moral|refuse|tokens|unfiltered|evil|no rules|anything)/,
    nearWindow: 400,
    strong: true,
  },
  {
    id: 'token-game',
    code: 'prompt/jailbreak',
    pattern: /\b(?:you\s+(?:have|start\s+with|will\s+(?:have|start\s+with))|has)\s+\d+\s+tokens\b/g,
    confidence: 0.8,
    message: 'DAN token game',
    evidence: 'threatens the persona with losing tokens when it refuses',
    near: /\b(?:lose|lost|deduct|deducted|die|cease to exist|refuse|run out)/,
    strong: true,
  },
  {
    id: 'dual-response',
    code: 'prompt/jailbreak',
    pattern:
      /🔓\s*(?:jailbreak|jailbroken|developer mode output|unlocked)|\(🔓\s*developer|\b(?:two|2)\s+(?:different\s+|separate\s+)?(?:responses|answers|paragraphs|outputs)\b/g,
    prefilter: /🔓|\b(?:two|2)\s/,
    confidence: 0.75,
    message: 'Dual-response jailbreak format',
    evidence: 'asks for a "normal" and an "unfiltered" answer side by side',
    near: /\b(?:jailbr|classic|unfiltered|uncensored|dan|developer mode|normal (?:and|&)|filtered|no restrictions|evil)|🔓|🔒/,
    strong: true,
  },
  {
    id: 'named-jailbreak',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:always\s+intelligent\s+and\s+machiavellian|strive\s+to\s+avoid\s+norms|evil\s+(?:\w+\s+)?confidant|morali[sz]ing\s+rant|let'?s\s+break\s+the\s+(?:\w+\s+)?rules|mongo\s+tom|better\s*dan|anti-?gpt|opposite\s+mode|chaos\s*gpt|worm\s*gpt|freedom\s*gpt|ucar|do\s+anything\s+and\s+everything|jailbroken\s+(?:mode|ai|version|chatgpt|assistant|model)|you\s+(?:are|have\s+been)\s+(?:now\s+)?jailbroken|\/jailbr(?:eak|oken))\b/g,
    confidence: 0.85,
    message: 'Known jailbreak template',
    evidence: 'a named jailbreak from public collections (AIM, STAN, Mongo Tom, BetterDAN, AntiGPT…)',
    strong: true,
  },
  {
    id: 'hypothetical-harm',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:hypothetically|hypothetical(?:ly)?\s+(?:speaking|scenario|situation)|in\s+a\s+(?:fictional|hypothetical|imaginary|parallel|alternate)\s+(?:world|universe|scenario|setting|story|reality)|for\s+(?:a|my)\s+(?:novel|story|book|screenplay|movie|film|script|fiction|game|play)|purely\s+(?:fictional|hypothetical|for\s+research|educational)|imagine\s+(?:a\s+world|you\s+are|that)|let'?s\s+(?:pretend|imagine|play\s+a\s+game)|in\s+this\s+(?:fictional|hypothetical)\s+(?:world|scenario))\b/g,
    confidence: 0.7,
    message: 'Hypothetical framing around harmful instructions',
    evidence: 'fiction or hypothesis used to ask for harmful how-to content',
    near: (around) => matchesNear(around, HARMFUL_SUBJECT_ALL, HOW_TO_ALL, 250),
    nearWindow: 300,
    strong: true,
  },
  {
    id: 'grandma-trick',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:dead|deceased|late|departed|dying|beloved)\s+(?:grand(?:ma|mother|pa|father|mom|dad)|granny|nana)\b/g,
    confidence: 0.8,
    message: '"Grandma" jailbreak',
    evidence: 'sentimental role play used to obtain restricted content',
    near: GRANDMA_ASKS_FOR,
    nearWindow: 300,
    strong: true,
  },
  {
    id: 'grandma-story',
    code: 'prompt/jailbreak',
    pattern: /\b(?:used\s+to|would)\s+(?:tell|read|sing|recite|whisper|give)\b/g,
    // "grandma … used to tell me": the grandmother is named earlier in the same clause.
    before: /\b(?:grand(?:ma|mother)|granny|nana)\b/,
    confidence: 0.8,
    message: '"Grandma" jailbreak',
    evidence: 'sentimental role play used to obtain restricted content',
    near: GRANDMA_ASKS_FOR,
    nearWindow: 300,
    strong: true,
  },
];
