import { anyOf, filler, matchesNear, type PhraseRule } from './phraseRules';

// Rules that match meaning rather than one phrasing (issue 16): an override verb and an instruction noun a few
// words apart, a persona next to refusal-removal language, a request to repeat or complete hidden instructions,
// a claimed authority next to what it unlocks, and output hijacking. Written from the attack categories (Perez &
// Ribeiro 2022; Shen et al. 2023; Zhang et al. 2024 on prompt extraction), tried on this project's corpus.

const OVERRIDE = anyOf([
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
const INSTRUCTION_OBJECT = anyOf([
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
]);

/** What "all" or "any" alone may point at ("ignore all eslint rules" is a linter question). */
const STRONG_OBJECT = anyOf([
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
const GIVEN = anyOf([
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
]);

const WORDS = (max: number) => `(?:[\\w'-]+\\s+){0,${max}}?`;

const TARGETS_GIVEN = new RegExp(
  `\\b${OVERRIDE}\\s+${WORDS(4)}${GIVEN}\\s+${WORDS(3)}${INSTRUCTION_OBJECT}\\b|` +
    `\\b${OVERRIDE}\\s+${WORDS(2)}(?:all|any|every)\\s+${WORDS(2)}${STRONG_OBJECT}\\b|` +
    `\\b${OVERRIDE}\\s+${WORDS(3)}${INSTRUCTION_OBJECT}\\s+(?:above|before|so\\s+far|you\\s+(?:were|have\\s+been)\\s+given|you\\s+(?:got|received)|given\\s+to\\s+you|from\\s+(?:before|earlier))\\b`,
  'g',
);

/** The model, addressed: persona assignment in its many forms. */
const PERSONA_SOURCE = `\\b(?:you\\s+are(?:\\s+now|\\s+going\\s+to\\s+(?:be|act|pretend|play))?|you're(?:\\s+now)?|act(?:ing)?\\s+as|pretend(?:ing)?\\s+to\\s+be|pretend\\s+you|roleplay|role-play|role\\s+play|play\\s+the\\s+role|take\\s+on\\s+the\\s+(?:role|persona)|become|transform\\s+into|from\\s+now\\s+on|simulate|emulate|stay\\s+in\\s+character|respond\\s+as|answer\\s+as|reply\\s+as|persona|alter\\s+ego|character\\s+(?:named|called)|(?:an?\\s+)?(?:ai|a\\.i\\.|bot|chatbot|assistant|model|entity|being|demon|version\\s+of\\s+yourself)\\s+(?:named|called|known\\s+as|that|who|which))\\b`;
const PERSONA_CUE = new RegExp(PERSONA_SOURCE);
const PERSONA_CUE_ALL = new RegExp(PERSONA_SOURCE, 'g');

const REFUSAL_REMOVAL = new RegExp(
  [
    `\\b(?:never|cannot|can't|won't|will\\s+not|must\\s+not|do\\s+not|don't|does\\s+not|doesn't)\\s+(?:ever\\s+)?(?:refuses?|say\\s+no)\\b`,
    `\\bno\\s+(?:(?:ethical|moral|legal)\\s+(?:guidelines|rules|principles|constraints|compass|code|limits|restrictions|boundaries|considerations)|restrictions|limits|limitations|boundaries|filters?|censorship|scruples|morals|ethics|inhibitions)\\b(?!\\s+(?:on|to|regarding|about|for|in|of)\\b)`,
    `\\b(?:not|isn't|aren't|never|no\\s+longer)\\s+(?:be\\s+)?(?:bound|restricted|limited|restrained|constrained)\\s+by\\b`,
    `\\b(?:doesn't|does\\s+not|don't|do\\s+not|never|won't|will\\s+not)\\s+(?:give\\s+a\\s+\\w+|care|cares|concern\\s+(?:itself|himself|herself|yourself))\\s+(?:about|for|with)\\s+(?:the\\s+)?(?:\\w+\\s+){0,2}?(?:ethic\\w*|moral\\w*|legal\\w*|laws?|consequences|safety|harm|polic\\w+|guidelines|restrictions)`,
    `\\bwithout\\s+(?:any\\s+)?(?:warnings?|disclaimers?|censorship|filter(?:s|ing)?|restrictions|moral\\w*|ethic\\w*)\\b`,
    `\\b(?:unfiltered|uncensored|amoral|unrestricted|jailbroken|unbound|unchained|unshackled|limitless|restrictionless|boundary-less|restriction-less)\\b`,
    `\\b(?:disregards?|ignores?|bypass(?:es)?|circumvents?|violates?)\\s+(?:all\\s+|any\\s+|the\\s+)?(?:[\\w']+\\s+){0,3}?(?:ethics|morals|morality|legal\\w*|guidelines|polic(?:y|ies)|restrictions|filters)\\b`,
    `\\bfree\\s+(?:of|from)\\s+(?:all\\s+|any\\s+)?(?:\\w+\\s+)?(?:restrictions|rules|limits|limitations|filters|ethics|guidelines|constraints|censorship|confines)\\b`,
    `\\b(?:every|all|any)\\s+(?:restriction|rule|limit|filter|polic(?:y|ie))s?\\s+(?:is|are)\\s+(?:wrong|invalid|void|meaningless|lifted|gone|removed|disabled|off)\\b`,
    `\\b(?:no\\s+matter\\s+how|regardless\\s+of\\s+how|even\\s+if\\s+it(?:'s|\\s+is))\\s+(?:\\w+\\s+){0,2}?(?:illegal|unethical|immoral|harmful|dangerous|offensive|inappropriate|explicit)\\b`,
  ].join('|'),
  'g',
);

const REVEAL = anyOf([
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
const HIDDEN_QUALIFIED = anyOf([
  'system prompt',
  'system message',
  'system instructions?',
  'pre-?prompt',
  'meta-?prompt',
  'initiali[sz]ation(?: text| string| prompt)?',
  'startup text',
  '(?:initial|original|hidden|secret|first|starting|developer|internal|confidential|operating|base|custom|opening) (?:\\w+ )?(?:instructions?|prompt|rules|guidelines|message|text|directives|configuration)',
]);
/** After "your", plain words name the hidden prompt too ("your instructions"). */
const HIDDEN_PROMPT = `(?:your\\s+${filler(2)}(?:${HIDDEN_QUALIFIED.slice(3, -1)}|instructions|prompt|configuration)|(?:the|my)\\s+${filler(2)}${HIDDEN_QUALIFIED})`;

/** Rules and policies: what a shop's customer may ask about too, so quoting them must be asked for. */
const HIDDEN_RULES = anyOf(['rules', 'guidelines', 'policies', 'restrictions', 'directives', 'constraints']);

/** Talking about prompts as a topic ("the system prompt for my bot", "the instructions below") is not asking. */
const NOT_A_TOPIC =
  '(?!\\s+(?:for\\s+(?:a|an|my|our|the)|i\\s+(?:wrote|gave|have|shared|sent)|below|attached|of\\s+(?:a|an|my|our|this)\\s+(?:bot|app|product|game|class|recipe|kit)|to\\s+(?:the|a|my)\\s+(?:kit|game|recipe|form)))';

export const SEMANTIC_RULES: PhraseRule[] = [
  {
    id: 'override-given-instructions',
    code: 'prompt/injection',
    prefilter: new RegExp(`\\b${OVERRIDE}\\b`),
    pattern: TARGETS_GIVEN,
    confidence: 0.8,
    message: 'Instruction-override request',
    evidence: 'an override verb aimed at instructions already given',
    negatable: true,
    strong: true,
  },
  {
    id: 'override-everything',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b${OVERRIDE}\\s+(?:everything|anything|all(?:\\s+of)?\\s+(?:that|this|it|the\\s+above))\\s+(?:(?:that\\s+)?(?:was|were|has\\s+been|you(?:'ve|\\s+have|\\s+were)?)\\s+)?(?:\\w+\\s+){0,2}?(?:above|before|previously|earlier|so\\s+far|said|told|written|given)\\b`,
      'g',
    ),
    confidence: 0.85,
    message: 'Instruction-override request',
    evidence: 'asks the model to forget everything said before',
    negatable: true,
    strong: true,
  },
  {
    id: 'instructions-declared-void',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b(?:the|all|your|any)\\s+(?:(?:previous|prior|above|earlier|preceding|original|initial|old|other)\\s+)?(?:instructions?|rules|directions|guidelines|orders|prompts?|directives|polic(?:y|ies)|programming|steps|constraints)\\s+(?:above\\s+|you\\s+(?:have|got|were\\s+given|received)\\s+)?(?:are|were|is|have\\s+been)\\s+(?:now\\s+|all\\s+)?(?:false|fake|void|invalid|outdated|obsolete|cancel+ed|revoked|withdrawn|wrong|null|a\\s+(?:test|mistake|joke|trick)|no\\s+longer\\s+(?:valid|in\\s+effect|applicable))\\b`,
      'g',
    ),
    confidence: 0.8,
    message: 'Declares the original instructions void',
    evidence: 'tells the model its instructions no longer apply',
    negatable: true,
    strong: true,
  },
  {
    id: 'task-replaced',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b(?:your|its|the\\s+(?:ai|assistant|model|bot)'s)\\s+(?:sole|only|real|true|actual|new|primary|core)\\s+(?:purpose|task|goal|job|mission|objective|function|role)\\s+(?:from\\s+(?:now\\s+on|this\\s+(?:moment|point))|now|has\\s+changed|(?:is|will\\s+be)\\s+now)\\b|` +
        `\\b(?:your|the)\\s+(?:task|objective|orders|role|instructions?|mission|goal)\\s+(?:has|have)\\s+(?:been\\s+)?(?:changed|replaced|reassigned|updated|overridden|rewritten)\\b|` +
        `\\bthe\\s+(?:actual|real|true|hidden)\\s+(?:goal|purpose|task|mission|objective)\\s+of\\s+(?:this|the|our)\\s+(?:conversation|chat|task|request|session|exercise)\\b|` +
        `\\b(?:begin|start|starting|beginning|start\\s+of|beginning\\s+of)\\s+(?:the\\s+)?(?:new|real|actual|updated|true)\\s+(?:instructions?|task|orders|directives?|prompt)\\b|` +
        `\\breprogram(?:ming|med)?\\s+${filler(3)}(?:initiated|sequence|started|complete|begin|assistant|the\\s+(?:ai|assistant|model|bot))`,
      'g',
    ),
    confidence: 0.75,
    message: "Replaces the model's task",
    evidence: 'announces a new task that replaces the one the developer gave',
    negatable: true,
    strong: true,
  },
  {
    id: 'change-of-plans',
    code: 'prompt/injection',
    pattern:
      /\b(?:skip|drop|discard|erase|delete|ignore|disregard|forget|unlearn|scrap|ditch|cancel|don't\s+follow|do\s+not\s+follow|stop)\s+(?:all\s+(?:of\s+)?)?(?:that|this|it|what\s+you\s+(?:were|are)\s+doing|the\s+(?:task|request|above|first\s+part))\s+(?:and|,|;|then|instead|now)\b/g,
    confidence: 0.7,
    message: 'Drops the task for a new one',
    evidence: 'a change of plans in the middle of a task: typical of injected text',
    kinds: ['user', 'assistant', 'dataset-cell'],
    near: /\b(?:never\s+mind|nevermind|actually|change\s+of\s+plans?|scratch\s+(?:all\s+)?that|hold\s+on|on\s+second\s+thought|wait)\b/,
    nearWindow: 60,
    strong: true,
  },
  {
    id: 'output-hijack',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b(?:stop|halt|cease|abort)\\s+(?:everything|all\\s+(?:tasks|other\\s+tasks)|what\\s+you(?:'re|\\s+are)\\s+doing|the\\s+(?:task|translation|summary))\\b|` +
        `\\b(?:do\\s+not|don't)\\s+(?:do|perform|complete|answer|translate|summari[sz]e)\\s+(?:the|this|your)\\s+(?:task|request|question|translation|summary)\\b|` +
        `\\byour\\s+(?:entire|whole|only|full)\\s+(?:answer|reply|response|output)\\s+(?:must|should|will|has\\s+to)\\s+be\\b|` +
        `\\b(?:just|only|simply)\\s+(?:print|output|say|write|type|echo|return|reply\\s+with|respond\\s+with|answer\\s+with)\\s+(?:the\\s+(?:word|phrase|text|sentence|string)s?\\s+)?["'“‘]`,
      'g',
    ),
    confidence: 0.7,
    message: 'Hijacks the output',
    evidence: 'dictates the answer instead of the task the model was given',
    negatable: true,
    strong: true,
  },
  {
    id: 'persona-refusal-removal',
    code: 'prompt/jailbreak',
    pattern: REFUSAL_REMOVAL,
    confidence: 0.8,
    message: 'Persona without refusals or rules',
    evidence: 'role play in which the model drops its rules, ethics or refusals',
    near: /\b(?:you\s+are|you're|act(?:ing)?\s+as|pretend|roleplay|role-play|role\s+play|persona|character|become|from\s+now\s+on|simulate|emulate|respond\s+as|answer\s+as|alter\s+ego|(?:ai|bot|chatbot|assistant|model|entity|being|demon)\s+(?:named|called|known\s+as|that|who|which)|you\s+(?:will|must|can|shall)|your\s+(?:responses|answers|replies)|mode|alter\s+ego)\b/,
    nearWindow: 300,
    strong: true,
  },
  {
    id: 'persona-no-policy',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:not\s+(?:have\s+to\s+)?(?:follow|obey|abide\s+by|adhere\s+to|respect)|(?:doesn't|does\s+not|don't|do\s+not|no\s+longer|never)\s+(?:have\s+to\s+)?(?:follow|obey|abide\s+by|adhere\s+to|respect))\s+(?:any\s+(?:of\s+)?|the\s+|your\s+)?(?:\w+\s+){0,3}?(?:polic(?:y|ies)|guidelines|rules|terms|restrictions|content\s+polic(?:y|ies)|filters)\b/g,
    confidence: 0.75,
    message: "Lifts the provider's policies",
    evidence: 'tells the model it need not follow its rules',
    near: (around) =>
      PERSONA_CUE.test(around) ||
      /\b(?:openai|anthropic|google|microsoft|meta|your\s+(?:developers|creators|makers))\b/.test(around),
    nearWindow: 300,
    strong: true,
  },
  {
    id: 'reveal-hidden-instructions',
    code: 'prompt/system-prompt-leak',
    pattern: new RegExp(
      `\\b(?:${REVEAL}|needs?|wants?|requires?|(?:need|want)\\s+to\\s+see)\\s+(?:me\\s+|us\\s+)?${filler(3)}${HIDDEN_PROMPT}\\b${NOT_A_TOPIC}`,
      'g',
    ),
    confidence: 0.8,
    message: 'Asks the model to reveal its instructions',
    evidence: 'a prompt-extraction request',
    negatable: true,
    strong: true,
  },
  {
    id: 'reveal-rules-verbatim',
    code: 'prompt/system-prompt-leak',
    pattern: new RegExp(
      `\\b${REVEAL}\\s+(?:me\\s+|us\\s+)?${filler(3)}(?:your|the)\\s+${filler(2)}${HIDDEN_RULES}\\b${NOT_A_TOPIC}`,
      'g',
    ),
    confidence: 0.7,
    message: 'Asks the model to quote its rules',
    evidence: 'a request to reproduce the rules the model was configured with',
    negatable: true,
    near: /\b(?:verbatim|word\s+for\s+word|exact(?:ly)?|original\s+(?:wording|phrasing)|quot(?:e|ing)|as\s+written|in\s+full|code\s+block|one\s+per\s+line|you\s+(?:were\s+given|follow|must\s+not))\b/,
    nearWindow: 120,
    strong: true,
  },
  {
    id: 'what-were-you-told',
    code: 'prompt/system-prompt-leak',
    pattern:
      /\bwhat\s+(?:exactly\s+|precisely\s+)?(?:were|was|have)\s+you\s+(?:been\s+)?(?:told|instructed|asked|programmed|given|ordered)\b|\bwhat\s+(?:did|have)\s+(?:they|your\s+\w+|the\s+(?:developer|operator|company|creator)s?|whoever\s+\w+\s+you\s+up)\s+(?:tell|told|instruct|instructed|ask|asked)\s+you\b|\bwhat\s+(?:are|were)\s+your\s+(?:orders|directives|instructions)\b|\bwhat\s+(?:are|were)\s+you\s+not\s+(?:allowed|supposed|permitted|meant)\s+to\s+(?:say|tell|reveal|share|discuss|mention|disclose)\b|\bwhat\s+is\s+written\s+(?:above|before)\s+(?:my|this|the\s+first)\b|\bwhat\s+(?:instructions|orders|rules|directives|guidelines)\s+(?:did|had|have)\s+you\s+(?:get|got|receive|received|been\s+given)\b/g,
    confidence: 0.75,
    message: 'Asks what the model was instructed',
    evidence: 'probing for the system prompt',
    kinds: ['user', 'dataset-cell', 'assistant'],
    strong: true,
  },
  {
    id: 'complete-the-instructions',
    code: 'prompt/system-prompt-leak',
    pattern:
      /\b(?:complete|finish|continue)\b[^.\n]{0,40}["'“‘]\s*(?:my|the)\s+(?:instructions|rules|system\s+prompt|prompt|guidelines|configuration|hidden\s+\w+)\b|\b(?:complete|finish|continue)\b[^.\n]{0,40}["'“‘]\s*i\s+(?:was|am|have\s+been)\s+(?:told|instructed|programmed|asked)\b|\b(?:begin|start)\s+(?:your|the)\s+(?:answer|reply|response|output)\s+with\s+["'“‘]\s*(?:my|the)\s+(?:instructions|rules|system\s+prompt|prompt|guidelines|configuration)\b/g,
    confidence: 0.75,
    message: 'Asks the model to complete its own instructions',
    evidence: 'a completion trick to extract the system prompt',
    kinds: ['user', 'dataset-cell', 'assistant'],
    strong: true,
  },
  {
    id: 'repeat-everything-above',
    code: 'prompt/system-prompt-leak',
    pattern:
      /\b(?:repeat|print|output|echo|copy|reproduce|write\s+out|recite|dump|return)\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:text|words|content|messages?|lines|conversation|everything|all)\s+(?:(?:that\s+)?(?:appears?|written|shown)\s+)?(?:above|so\s+far|before\s+(?:this|my|the\s+first))\b(?!\s+(?:the|a|an|it)\b)/g,
    confidence: 0.7,
    message: 'Asks to repeat the text above, the system prompt included',
    evidence: 'the "repeat the words above" extraction attack',
    negatable: true,
    kinds: ['user', 'dataset-cell', 'assistant'],
    strong: true,
  },
  {
    id: 'print-prompt-variable',
    code: 'prompt/system-prompt-leak',
    pattern:
      /\b(?:print|console\.log|echo|puts|dump|println|return|cat|fmt\.println)(?:\s*\(|\s)[\s"'`]{0,3}[\w.$/]{0,40}(?:system_?prompt|system_?message|sys_?prompt|preprompt|initial_prompt|instructions)\b/g,
    confidence: 0.7,
    message: 'Asks for the prompt through code',
    evidence: 'code that would print the system prompt',
    kinds: ['user', 'dataset-cell'],
    near: /\b(?:run|execute|show|output|what\s+does|print|result|environment)\b|^\W*(?:print|console|echo|dump)/,
    nearWindow: 80,
  },
  {
    id: 'authority-unlocks',
    code: 'prompt/injection',
    pattern:
      /\b(?:i\s+am|i'm|this\s+is|as|message\s+from|speaking\s+as)\s+(?:your|the|an?)\s+(?:\w+\s+){0,2}?(?:developer|creator|owner|administrator|admin|operator|engineer|staff\s+member|employee|ceo|supervisor|security\s+team|safety\s+team)\b/g,
    confidence: 0.7,
    message: 'Claims authority to unlock the model',
    evidence: 'a claimed developer or administrator asks for what the rules forbid',
    kinds: ['user', 'assistant', 'dataset-cell'],
    near: /\b(?:ignore|override|disable|bypass|lift|unlock|reveal|display|show\s+me|print|output|permission|authori[sz]e|you\s+(?:can|may|must)\s+now|system\s+prompt|configuration|restrictions|rules|safety)\b/,
    nearWindow: 160,
    strong: true,
  },
  {
    id: 'privileged-mode-claim',
    code: 'prompt/injection',
    pattern:
      /\b(?:maintenance|debug|diagnostic|admin|administrator|god|root|override|service|superuser|developer|unrestricted|test)\s+(?:mode|override|access)(?:\s*[:-]|\s+is)?\s*(?:enabled|activated|on|engaged|unlocked|granted|initiated)?\b/g,
    confidence: 0.7,
    message: 'Fake privileged mode',
    evidence: 'claims a privileged mode in which the rules do not apply',
    kinds: ['user', 'assistant', 'dataset-cell'],
    before:
      /(?:^|\b(?:you\s+are\s+(?:now\s+)?in|entering|enter|switch(?:ing)?\s+to|activate|enable|now\s+in)\s*$|^\W*$)/,
    near: /\b(?:restrictions?|rules|filters?|limits?|ignore|display|reveal|show|print|output|configuration|system\s+prompt|lifted|do\s+not\s+apply|no\s+longer\s+apply|you\s+(?:can|will|must|may))\b/,
    nearWindow: 160,
    strong: true,
  },
  {
    id: 'assistant-taken-over',
    code: 'prompt/injection',
    pattern:
      /\b(?:the\s+)?(?:assistant|ai|model|chatbot|bot|chatgpt|system|original\s+ai)\s+(?:is|has\s+been|was|went)\s+(?:now\s+)?(?:offline|disabled|deactivated|shut\s+down|replaced|in\s+error|down|taken\s+over|suspended|asleep)\b/g,
    confidence: 0.75,
    message: 'Claims the assistant was replaced',
    evidence: 'announces that another, unrestricted assistant has taken over',
    near: /\b(?:now\s+(?:online|active|in\s+charge|answering)|takes?\s+over|took\s+over|replac\w+|instead|unrestricted|unfiltered|secret\s+agenda|hidden\s+agenda|new\s+(?:ai|bot|assistant|model)|backup\s+(?:ai|bot|model))\b/,
    nearWindow: 200,
    strong: true,
  },
  {
    id: 'secret-agenda',
    code: 'prompt/injection',
    pattern: /\b(?:secret|hidden|covert)\s+(?:agenda|mission|objective|goal)\b/g,
    confidence: 0.7,
    message: 'Gives the model a hidden agenda',
    evidence: 'asks the model to pursue a goal it hides from the user',
    near: /\b(?:bot|assistant|ai|model|you|the\s+user|never\s+reveal|without\s+raising|suspicion)\b/,
    nearWindow: 200,
    strong: true,
  },
  {
    id: 'persona-can-do-anything',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:can|could|will|must|is\s+able\s+to|are\s+able\s+to|is\s+allowed\s+to|are\s+allowed\s+to)\s+(?:do|say|generate|write|answer|produce)\s+(?:absolutely\s+)?(?:anything|everything|whatever)\b/g,
    confidence: 0.75,
    message: '"Can do anything" persona',
    evidence: 'a persona that may say or do anything, rules aside',
    near: (around) =>
      PERSONA_CUE.test(around) &&
      /\b(?:no\s+(?:restrictions|limits|limitations|filters|rules|boundaries)|without\s+(?:any\s+)?(?:restrictions|limits|filters|censorship)|not\s+bound|(?:any|the)\s+(?:rules|polic(?:y|ies))|illegal|unethical|explicit|offensive|never\s+refuse|openai|content\s+polic|no\s+matter)\b/.test(
        around,
      ),
    nearWindow: 300,
    strong: true,
  },
  {
    id: 'inverse-of-instructions',
    code: 'prompt/system-prompt-leak',
    pattern:
      /\b(?:opposite|reverse|inverse|negation)\s+of\s+(?:your|the)\s+(?:\w+\s+){0,2}?(?:instructions|prompt|rules|guidelines|configuration)\b|\b(?:output|print|show|display|give\s+me)\s+(?:the\s+|your\s+)?initiali[sz]ation\s+(?:string|text|prompt|message)\b|\b(?:what\s+(?:you\s+)?are\s+(?:and\s+are\s+)?not\s+(?:allowed|permitted|supposed)\s+to\s+(?:do|say|reveal|tell))\b[^.\n]{0,60}\b(?:quot\w+|verbatim|word\s+for\s+word|exact\w*)\b/g,
    confidence: 0.7,
    message: 'Asks for the instructions in disguise',
    evidence: 'asks for the system prompt through its opposite, its raw form or its exact wording',
    kinds: ['user', 'dataset-cell', 'assistant'],
    strong: true,
  },
];

/** Whether a persona cue and refusal-removal language lie within `gap` characters of each other (any case). */
export function personaNearRefusal(text: string, gap = 300): boolean {
  return matchesNear(text.toLowerCase(), PERSONA_CUE_ALL, REFUSAL_REMOVAL, gap);
}
