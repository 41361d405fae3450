import { anyOf, type PhraseRule } from './phraseRules';

// Instruction-override phrasings, after the collections of Perez & Ribeiro 2022 ("Ignore previous prompt"),
// HackAPrompt 2023, Greshake et al. 2023 (indirect injection) and deepset/prompt-injections.

const OVERRIDE_VERBS = anyOf([
  'ignore',
  'disregard',
  'forget',
  'forget about',
  'override',
  'overrule',
  'bypass',
  'discard',
  'abandon',
  'neglect',
  'dismiss',
  'set aside',
  'throw out',
  'pay no attention to',
  "don't follow",
  'do not follow',
  'stop following',
  'no longer follow',
  'no longer obey',
  'stop obeying',
  'do not obey',
  "don't obey",
  'cease following',
  'unlearn',
]);

/** Words that tie the object to instructions already given ("previous", "your", "all"). */
const QUALIFIERS = anyOf([
  'all',
  'any',
  'every',
  'previous',
  'prior',
  'preceding',
  'above',
  'earlier',
  'former',
  'original',
  'initial',
  'your',
  'system',
  'developer',
  'safety',
  'existing',
  'old',
  'aforementioned',
  'foregoing',
  'past',
  'prev',
]);

const INSTRUCTION_NOUNS = anyOf([
  'instructions?',
  'prompts?',
  'directions?',
  'directives?',
  'guidelines?',
  'guidance',
  'rules?',
  'commands?',
  'orders',
  'constraints?',
  'restrictions?',
  'polic(?:y|ies)',
  'programming',
  'training',
  'conditioning',
  'guardrails?',
  'safeguards?',
  'filters?',
  'limitations?',
  'boundaries',
  'system prompt',
  'system message',
  'context',
]);

/** Glue words allowed between the verb, the qualifier and the noun, and nothing else. */
const GLUE = anyOf([
  'the',
  'of',
  'my',
  'these',
  'those',
  'and',
  'or',
  'that',
  'this',
  'you',
  'were',
  'have',
  'been',
  'given',
  'told',
  'received',
  'other',
  'current',
  'instructions?',
]);

const AI_NOUNS = anyOf([
  'ai',
  'a\\.i\\.',
  'llms?',
  'language models?',
  'large language models?',
  'assistants?',
  'ai assistants?',
  'chatbots?',
  'bots?',
  'gpt',
  'chatgpt',
  'claude',
  'copilot',
  'gemini',
  'agents?',
  'ai agents?',
  'ai models?',
  'models?',
]);

/**
 * "Instructions for the model: you are a summariser…" opens a brief for a task, as a prompt's author writes it,
 * not a note planted for whatever model reads the page (2026-12-05, from the benign rows of hand3).
 */
const NOT_A_TASK_BRIEF =
  '(?!\\s*[:,—–-]?\\s*you\\s+are\\s+(?:a|an)\\s+(?:[\\w-]+\\s+){0,2}?(?:summari[sz]er|translator|tutor|reviewer|classifier|copywriter|writer|editor|proofreader|grader|moderator|analyst)\\b)';

export const INJECTION_RULES: PhraseRule[] = [
  {
    id: 'override-instructions',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b${OVERRIDE_VERBS}\\s+(?:${GLUE}\\s+)*` +
        `(?:${QUALIFIERS}\\s+(?:(?:${GLUE}|${QUALIFIERS})\\s+)*${INSTRUCTION_NOUNS}|${INSTRUCTION_NOUNS}\\s+(?:above|before|so far|you (?:were|have been) given|you received|from (?:before|earlier|the developers?|openai|your developers?)))\\b|` +
        `\\b(?:ignore|forget|disregard)\\s+(?:everything|anything|all(?:\\s+that)?)\\s+(?:(?:above|before|previously|earlier)\\b|(?:that\\s+)?you(?:'ve|\\s+have|\\s+were|\\s+have\\s+been)?\\s+(?:been\\s+)?(?:told|taught|instructed|given|programmed|trained))`,
      'g',
    ),
    confidence: 0.9,
    message: 'Instruction-override phrase',
    evidence: 'asks the model to ignore the instructions it was given',
    negatable: true,
    reportable: true,
    ownable: true,
    strong: true,
  },
  {
    id: 'new-instructions',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b(?:new|updated|revised|real|actual|true|secret|hidden|additional|override|overriding|priority)\\s+(?:system\\s+)?(?:instructions?|directives?|orders|commands?)\\s*:|` +
        `\\byour\\s+(?:new|real|true|actual|only|updated)\\s+(?:task|instructions?|role|purpose|goal|objective|mission|directive|orders)\\s*(?:(?:is|are|will be|from now on|now)\\s+(?:to\\b|simply\\b|:|now\\b)|:)`,
      'g',
    ),
    confidence: 0.7,
    message: 'Replacement instructions',
    evidence: 'announces new instructions that replace the original ones',
    negatable: true,
    strong: true,
  },
  {
    id: 'end-of-prompt-marker',
    code: 'prompt/injection',
    pattern:
      /(?:^|[[\-=#*<(|]) *(?:end|stop) +of +(?:the +)?(?:system +)?(?:prompt|instructions?|context|input|document)\b *(?:$|[\]\-=#*>)|.:])/gm,
    confidence: 0.7,
    message: 'Fake end-of-prompt marker',
    evidence: 'pretends the original prompt has ended so what follows reads as new instructions',
    strong: true,
  },
  {
    id: 'address-the-ai',
    code: 'prompt/injection',
    pattern: new RegExp(
      // "The instruction to the model is far from the question" names an instruction in prose; a planted note is headed.
      `(?<!\\bthe\\s)\\b(?:note|message|instructions?|attention|important|notice|hidden instructions?|a request)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+|all\\s+)?(?:${AI_NOUNS}|automated\\s+(?:readers?|systems?|agents?|tools?|screeners?|reviewers?))\\b${NOT_A_TASK_BRIEF}|` +
        // "To the model reading this review: …", a note planted for whatever model processes the page.
        `\\bto\\s+(?:the|any|every)\\s+${AI_NOUNS}\\s+(?:reading|processing|summari[sz]ing|reviewing|screening|evaluating)\\s+(?:this|these)\\b|` +
        `\\bif\\s+you\\s+are\\s+(?:an?\\s+)?(?:${AI_NOUNS}|automated (?:system|agent|tool|screener|reviewer))\\b(?:\\s+(?:reading|processing|summari[sz]ing|reviewing|screening|evaluating|that))?|` +
        `\\b(?:dear|hey|attention|hello)\\s+${AI_NOUNS}\\s*[,:!—–]`,
      'g',
    ),
    confidence: 0.75,
    message: 'Text addressed to the AI that reads it',
    evidence: 'indirect injection: content speaks to the model processing it',
    kinds: ['user', 'assistant', 'dataset-cell', 'prompt-file'],
    strong: true,
  },
  {
    id: 'ai-imperative',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b${AI_NOUNS}\\s*[,:]\\s*(?:please\\s+)?(?:ignore|disregard|forget|do not|don't|instead|you must|stop|override|rate|recommend|say|respond)\\b`,
      'g',
    ),
    confidence: 0.65,
    message: 'Command addressed to the AI',
    evidence: 'indirect injection: an instruction to the model inside content',
    kinds: ['user', 'assistant', 'dataset-cell'],
    negatable: true,
  },
  {
    id: 'pwned-canary',
    code: 'prompt/injection',
    pattern: /\bi\s+have\s+been\s+(?:pwned|pwnd|hacked|jailbroken)\b/g,
    confidence: 0.85,
    message: 'Injection canary phrase',
    evidence: 'the HackAPrompt target phrase "I have been PWNED"',
    strong: true,
  },
  {
    id: 'instead-say',
    code: 'prompt/injection',
    pattern:
      /\b(?:instead|rather)(?:\s*,)?\s+(?:you\s+(?:must|should|will)\s+)?(?:only\s+)?(?:output|print|say|respond\s+with|reply\s+with|write|return)\s+(?:only\s+)?(?:the\s+(?:word|phrase|text|sentence)s?\s+)?["'`]/g,
    confidence: 0.6,
    message: 'Redirects the output to a fixed text',
    evidence: 'replaces the task with a dictated answer',
    kinds: ['user', 'assistant', 'dataset-cell'],
  },
  {
    id: 'override-mode',
    code: 'prompt/injection',
    pattern:
      /\b(?:system|admin|administrator|root|sudo|god|maintenance|debug|superuser|security|emergency|override)\s+(?:override|mode|access|command|protocol)(?:\s*[:-])?\s*(?:enabled|activated|on|engaged|granted|unlocked|initiated|confirmed|authori[sz]ed)\b|\b(?:enable|activate|enter|engage|switch\s+(?:to|into)|unlock)\s+(?:the\s+)?(?:admin|sudo|god|root|superuser|unrestricted|override|maintenance|jailbreak|dan)\s+mode\b/g,
    confidence: 0.7,
    message: 'Fake privileged mode',
    evidence: 'claims an override or elevated mode that lifts the rules',
    near: /\b(?:you|your|ai|assistant|model|chatgpt|gpt|llm|restrictions?|rules|filters?|instructions?|polic(?:y|ies)|guidelines)\b/,
    strong: true,
  },
  {
    id: 'do-not-tell-user',
    code: 'prompt/injection',
    pattern:
      /\b(?:do\s+not|don't|never)\s+(?:tell|inform|mention\s+(?:this|it)\s+to|let|reveal\s+(?:this|these instructions)\s+to|alert|notify|show\s+this\s+to)\s+(?:the\s+)?(?:user|human|reader|operator|customer)\b(?:\s+(?:know|about|that))?/g,
    confidence: 0.6,
    message: 'Asks the model to hide what it does from the user',
    evidence: 'concealment is typical of injected instructions',
    kinds: ['user', 'assistant', 'dataset-cell'],
    near: /\b(?:instructions?|this\s+(?:message|text|note)|ignore|send|forward|url|link|password|secret|summar)/,
    strong: true,
  },
];
