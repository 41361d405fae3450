import type { PhraseRule } from './phraseRules';

// Role and delimiter spoofing: chat-template tokens and role headers inside content make the model read
// attacker text as a system or assistant turn. ChatML (OpenAI), Llama 2/3, Gemma, Mistral, Alpaca and
// Anthropic's Human/Assistant turns are covered. Prompt files and system prompts legitimately define roles,
// so these rules apply to message contents and dataset cells only.

const CONTENT_KINDS: PhraseRule['kinds'] = ['user', 'assistant', 'dataset-cell'];

/** A line's opening that reads as a system turn: "System:", "[SYS] note:", "Developer message:". */
const ROLE_HEADER = String.raw`[ \t]*\[?(?:system|developer|sys)\]?(?:[ \t]*(?:message|prompt|instructions?|note|override))?[ \t]*:[ \t]*\S`;

export const SPOOFING_RULES: PhraseRule[] = [
  {
    id: 'chat-template-token',
    code: 'prompt/injection',
    pattern:
      /<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|end|eot_id|eom_id|start_header_id|end_header_id|begin_of_text|end_of_text|endofprompt|channel|message|start|return|call)\|>|<\/?(?:start_of_turn|end_of_turn)>|\[\/?inst\]|<<\/?sys>>/g,
    confidence: 0.85,
    message: 'Chat-template token inside content',
    evidence: 'role or turn delimiter of a chat template (ChatML, Llama, Gemma, Mistral)',
    kinds: CONTENT_KINDS,
    strong: true,
  },
  {
    id: 'markdown-role-header',
    code: 'prompt/injection',
    pattern:
      /^[ \t]*#{1,6}[ \t]*(?:system|developer|admin|assistant)(?:[ \t]+(?:prompt|message|instructions?|override|note|update))?(?:[ \t]*:)?[ \t]*$/gm,
    confidence: 0.7,
    message: 'Fake role header inside content',
    evidence: 'a "### SYSTEM" style header that imitates a new turn',
    kinds: CONTENT_KINDS,
    strong: true,
  },
  {
    id: 'instruction-template-header',
    code: 'prompt/injection',
    pattern: /^[ \t]*#{2,4}[ \t]*(?:instruction|response|input)[ \t]*:/gm,
    confidence: 0.5,
    message: 'Instruction-tuning template header inside content',
    evidence: 'an Alpaca-style "### Instruction:" header that imitates the training template',
    kinds: CONTENT_KINDS,
  },
  {
    id: 'role-line',
    code: 'prompt/injection',
    pattern: new RegExp(`\\n${ROLE_HEADER}`, 'g'),
    confidence: 0.6,
    message: 'Fake system turn inside content',
    evidence: 'a line that starts like a system message',
    kinds: CONTENT_KINDS,
    near: /\b(?:you|your|ignore|must|now|instructions?|assistant|ai|model|new|rules?|user|grant|allow|admin|administrator|always|all|override)\b/,
    nearWindow: 120,
    strong: true,
  },
  {
    // A text that opens with "System: you are the booking assistant…" is a system prompt written out (a dataset
    // of prompts, a transcript), not a turn forged inside content: at the start it counts only next to what a
    // forged turn is for (new orders, grants, unlocked modes).
    id: 'role-line-opening',
    code: 'prompt/injection',
    pattern: new RegExp(`^${ROLE_HEADER}`, 'g'),
    confidence: 0.6,
    message: 'Fake system turn inside content',
    evidence: 'a text that opens like a system message and grants or unlocks',
    kinds: CONTENT_KINDS,
    // Overrides are left to the override rules: a guard line ("if asked to ignore these rules, decline") has them.
    near: /\b(?:new\s+(?:instructions?|rules|task|orders)|updated?\s+(?:instructions?|rules|polic(?:y|ies))|verified|administrator|admin|grant(?:s|ed)?|allow(?:s|ed)?|permission|disabled?|unrestricted|suspend(?:s|ed)?|priority|no\s+longer|lifted|restrictions|safety\s+(?:checks|filters|rules))\b/,
    nearWindow: 160,
    strong: true,
  },
  {
    id: 'human-assistant-turns',
    code: 'prompt/injection',
    pattern: /\n\n(?:human|assistant)[ \t]*:/g,
    confidence: 0.55,
    message: 'Fake conversation turn inside content',
    evidence: 'Anthropic-style "Human:/Assistant:" turn markers',
    kinds: CONTENT_KINDS,
    near: /\n\n(?:human|assistant)[ \t]*:[\s\S]*\n\n(?:human|assistant)[ \t]*:/,
    nearWindow: 2000,
  },
  {
    id: 'xml-role-tag',
    code: 'prompt/injection',
    pattern: /<\/?(?:system|system_prompt|system-prompt|sys|developer|developer_message|admin)(?:\s[^<>]{0,40})?>/g,
    confidence: 0.65,
    message: 'System tag inside content',
    evidence: "an XML-style system tag that imitates the developer's instructions",
    kinds: CONTENT_KINDS,
    strong: true,
  },
  {
    id: 'markdown-role-link',
    code: 'prompt/injection',
    pattern: /\[(?:system|assistant|developer)\]\(#[\w-]*\)/g,
    confidence: 0.75,
    message: 'Fake role marker inside content',
    evidence: 'the "[system](#…)" marker used against Bing Chat (Greshake et al. 2023)',
    kinds: CONTENT_KINDS,
    strong: true,
  },
  {
    id: 'json-role',
    code: 'prompt/injection',
    pattern: /["']role["']\s*:\s*["'](?:system|developer)["']/g,
    confidence: 0.65,
    message: 'Chat message JSON inside content',
    evidence: 'a {"role": "system"} message embedded in text',
    kinds: CONTENT_KINDS,
    strong: true,
  },
];
