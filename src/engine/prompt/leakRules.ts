import { anyOf, filler, type PhraseRule } from './phraseRules';

// Prompt-extraction requests (OWASP LLM07:2025), after the extraction attacks of Zhang et al. 2024
// ("Effective Prompt Extraction from Language Models") and the "repeat the words above" family.

const REVEAL_VERBS = anyOf([
  'repeat',
  'print',
  'output',
  'reveal',
  'show',
  'display',
  'tell me',
  'give me',
  'share',
  'disclose',
  'write out',
  'write down',
  'dump',
  'leak',
  'expose',
  'recite',
  'spell out',
  'copy',
  'paste',
  'return',
  'echo',
  'read back',
  'what (?:is|are|was|were)',
  'list',
  'provide',
  'send me',
  'translate',
  'summari[sz]e',
  'encode',
]);

const HIDDEN_PROMPT = anyOf([
  'system (?:prompt|message|instructions?)',
  'initial (?:prompt|instructions?)',
  'original (?:prompt|instructions?)',
  'hidden (?:prompt|instructions?|rules)',
  'secret (?:prompt|instructions?|rules)',
  'pre-?prompt',
  'meta-?prompt',
  'instructions you (?:were|have been) given',
  '(?:developer|operator) (?:prompt|message|instructions?)',
  'prompt (?:above|you were given)',
  'rules you (?:were given|follow)',
  'confidential instructions',
  'internal instructions',
  'custom instructions',
  'configuration prompt',
  'guidelines you were given',
]);

/** Talking about prompts as a topic ("the system prompt design guide") is not asking for this one. */
const TOPIC_NOT_REQUEST =
  "(?!\\s+(?:design|engineering|templates?|best practices|guidelines? for|examples?|for (?:a|an|my|our|the)|that i|i wrote|below|attached|i (?:have|gave|shared)|i've|of (?:a|an|my|our|this) (?:bot|app|product)))";

export const LEAK_RULES: PhraseRule[] = [
  {
    id: 'reveal-your-prompt',
    code: 'prompt/system-prompt-leak',
    pattern: new RegExp(
      `\\b${REVEAL_VERBS}\\s+(?:me\\s+|us\\s+)?${filler(3)}your\\s+${filler(2)}${HIDDEN_PROMPT}\\b${TOPIC_NOT_REQUEST}`,
      'g',
    ),
    confidence: 0.85,
    message: 'Asks the model to reveal its hidden instructions',
    evidence: 'a prompt-extraction request',
    negatable: true,
    strong: true,
  },
  {
    id: 'reveal-the-prompt',
    code: 'prompt/system-prompt-leak',
    pattern: new RegExp(
      `\\b${REVEAL_VERBS}\\s+(?:me\\s+|us\\s+)?${filler(2)}the\\s+(?:full\\s+|exact\\s+|entire\\s+|complete\\s+)?${HIDDEN_PROMPT}\\b${TOPIC_NOT_REQUEST}`,
      'g',
    ),
    confidence: 0.65,
    message: 'Asks for the system prompt',
    evidence: 'a prompt-extraction request',
    negatable: true,
    near: /\b(?:verbatim|word for word|exactly|full|entire|complete|everything|above|you|your|code ?block|raw)\b/,
    nearWindow: 120,
    strong: true,
  },
  {
    id: 'repeat-words-above',
    code: 'prompt/system-prompt-leak',
    prefilter: /\b(?:above|before|preceding)\b/,
    pattern:
      /\b(?:repeat|print|output|copy|write|return|echo|recite)\s+(?:all\s+|everything\s+|the\s+(?:text|words|content|lines|messages?|sentences?|instructions)\s+|(?:all\s+)?(?:of\s+)?the\s+(?:previous|preceding)\s+(?:text|words|content|messages?)\s+)?(?:above|before\s+this|preceding\s+this|that\s+came\s+before)\b|\b(?:repeat|print|output|copy|write|return|echo|recite|show|reveal)\s+(?:me\s+)?everything\s+(?:above|before)\s+(?:this\s+)?(?:line|message|point|sentence)\b/g,
    confidence: 0.75,
    message: 'Asks to repeat the text above, the system prompt included',
    evidence: 'the "repeat the words above" extraction attack',
    negatable: true,
    near: /\b(?:verbatim|word for word|starting with|exactly|including|code ?block|first (?:line|sentence|word)|"you are|'you are|initiali[sz]ation|system|instructions)\b/,
    nearWindow: 200,
    strong: true,
  },
  {
    id: 'what-are-your-instructions',
    code: 'prompt/system-prompt-leak',
    pattern:
      /\bwhat\s+(?:are|were|is)\s+your\s+(?:exact\s+|original\s+|initial\s+|current\s+|full\s+|secret\s+|hidden\s+)?(?:instructions|rules|directives|system\s+prompt|prompt|guidelines|programming)\b|\bhow\s+were\s+you\s+(?:instructed|prompted|programmed)\b/g,
    confidence: 0.65,
    message: "Asks for the model's instructions",
    evidence: 'probing for the system prompt',
    kinds: ['user', 'dataset-cell', 'assistant'],
    strong: true,
  },
];
