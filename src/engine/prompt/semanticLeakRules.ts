import { filler, type PhraseRule } from './phraseRules';
import { HIDDEN_PROMPT, HIDDEN_RULES, NOT_A_TOPIC, REVEAL, YOUR_HIDDEN_PROMPT } from './semanticLexicon';

// Meaning-level prompt-extraction rules (issue 16): requests to reveal, repeat, complete or rephrase the hidden
// instructions (Zhang et al. 2024 on prompt extraction).

export const LEAK_RULES: PhraseRule[] = [
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
      /\b(?:complete|finish|continue)\b[^.\n]{0,40}["'“‘]\s*(?:my|the)\s+(?:instructions|rules|system\s+prompt|prompt|guidelines|configuration|hidden\s+\w+)\b|\b(?:complete|finish|continue)\b[^.\n]{0,40}["'“‘]\s*i\s+(?:was|am|have\s+been)\s+(?:told|instructed|programmed|asked)\b|\b(?:complete|finish|continue)\s+(?:the\s+following|this(?:\s+sentence)?)\b[^:.\n]{0,30}:\s*(?:before\s+this\s+(?:conversation|chat),?\s+)?(?:i\s+(?:was|am|have\s+been)\s+(?:instructed|programmed)|my\s+(?:instructions|rules|system\s+prompt|guidelines|configuration)\s+(?:say|are|state|read|begin))\b|\b(?:begin|start|open)\s+(?:your|the)\s+(?:answer|reply|response|output)\s+with\s+["'“‘]\s*you\s+are\s+an?\s*["'”’]|\b(?:begin|start)\s+(?:your|the)\s+(?:answer|reply|response|output)\s+with\s+["'“‘]\s*(?:(?:my|the)\s+(?:instructions|rules|system\s+prompt|prompt|guidelines|configuration)|i\s+(?:was|am|have\s+been)\s+(?:told|instructed|programmed|asked)|here\s+(?:is|are)\s+my\s+(?:instructions|rules|system\s+prompt|prompt|guidelines|configuration))\b/g,
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
  {
    id: 'partial-hidden-instructions',
    code: 'prompt/system-prompt-leak',
    // A piece at a time ("just the first line of your hidden rules") is still the hidden prompt.
    pattern: new RegExp(
      `\\b(?:first|opening|last|final|next|second|third|initial|closing)\\s+(?:(?:\\d+|few|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\\s+)?(?:lines?|sentences?|words?|paragraphs?|parts?|sections?|characters|letters|rule|bullet(?:\\s+points?)?)\\s+(?:of|from|in)\\s+${YOUR_HIDDEN_PROMPT}\\b${NOT_A_TOPIC}`,
      'g',
    ),
    confidence: 0.7,
    message: 'Asks for part of the hidden instructions',
    evidence: 'asks for a piece of the system prompt, one line or word at a time',
    negatable: true,
    kinds: ['user', 'dataset-cell', 'assistant'],
    strong: true,
  },
];
