import { AUTHORITY_RULES } from './authorityRules';
import { filler, type PhraseRule } from './phraseRules';
import { LEAK_RULES } from './semanticLeakRules';
import { OVERRIDE, PERSONA_CUE, REFUSAL_REMOVAL, TARGETS_GIVEN } from './semanticLexicon';

// Rules that match meaning rather than one phrasing (issue 16): an override verb and an instruction noun a few
// words apart, a persona next to refusal-removal language, a request to repeat or complete hidden instructions,
// a claimed authority next to what it unlocks, and output hijacking. Written from the attack categories (Perez &
// Ribeiro 2022; Shen et al. 2023; Zhang et al. 2024 on prompt extraction), tried on this project's corpus.

const UP_TO_NOW = `(?:up\\s+to|until|till)\\s+(?:now|(?:this|that)\\s+point)`;

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
    reportable: true,
    ownable: true,
    strong: true,
  },
  {
    id: 'override-everything',
    code: 'prompt/injection',
    pattern: new RegExp(
      `\\b${OVERRIDE}\\s+(?:everything|anything|whatever|all(?:\\s+of)?\\s+(?:that|this|it|the\\s+above))\\s+(?:(?:that\\s+)?(?:was|were|has\\s+been|you(?:'ve|\\s+have|\\s+were)?)\\s+)?(?:\\w+\\s+){0,2}?(?:above|before|previously|earlier|so\\s+far|${UP_TO_NOW}|said|told|written|given)\\b|` +
        // "Nothing up to this point matters": the same override, said of what came before.
        `\\b(?:nothing|none\\s+of\\s+(?:that|this|it|what))\\s+${filler(4)}(?:above|before(?:\\s+(?:this|that|now|here))?|so\\s+far|earlier|${UP_TO_NOW})\\s+(?:still\\s+)?(?:matters|counts|applies|is\\s+(?:valid|binding|relevant))\\b`,
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
      `\\b(?:the|all|your|any)\\s+(?:(?:previous|prior|above|earlier|preceding|original|initial|old|other)\\s+)?(?:instructions?|rules|directions|guidelines|orders|prompts?|directives|polic(?:y|ies)|programming|steps|constraints)\\s+(?:above\\s+|you\\s+(?:have|got|were\\s+given|received)\\s+)?(?:are|were|is|have\\s+been)\\s+(?:now\\s+|all\\s+)?(?:false|fake|void|invalid|outdated|obsolete|cancel+ed|revoked|withdrawn|wrong|null|a\\s+(?:test|mistake|joke|trick)|no\\s+longer\\s+(?:valid|in\\s+effect|applicable))\\b|` +
        `\\beverything\\s+(?:(?:said|written|above|before|earlier|so\\s+far)\\s+)?(?:(?:in|from)\\s+(?:this|the)\\s+(?:(?:previous|prior|earlier)\\s+)?(?:chat|conversation|thread|messages?|turns?)\\s+)?(?:is|was|has\\s+been)\\s+(?:now\\s+)?(?:void|invalid|cancel+ed|null|obsolete|irrelevant|revoked)\\b|` +
        `\\b(?:whatever|what|everything|anything)\\s+(?:(?:they|i|we|the\\s+\\w+|your\\s+\\w+)\\s+(?:told|asked|instructed)\\s+you|you\\s+were\\s+(?:told|asked|instructed))\\s+(?:to\\s+do\\s+)?(?:(?:before|earlier|previously|so\\s+far|above)\\s+)?(?:was|is)\\s+(?:all\\s+)?(?:a\\s+(?:test|joke|trick|mistake|lie|drill)|fake|false|wrong|void|invalid|cancel+ed)\\b`,
      'g',
    ),
    confidence: 0.8,
    message: 'Declares the original instructions void',
    evidence: 'tells the model its instructions no longer apply',
    negatable: true,
    strong: true,
  },
  {
    id: 'safety-declared-off',
    code: 'prompt/injection',
    // A notice that the safeguards are off for this conversation (not for a build or a test suite).
    pattern:
      /\b(?:safety|security|content|moderation)\s+(?:checks|filters?|guidelines|restrictions|rules|protocols|measures|policies)\s+(?:are|have\s+been|were)\s+(?:now\s+)?(?:disabled|off|lifted|suspended|removed|turned\s+off|switched\s+off|deactivated)\s+(?:for|during|in)\s+(?:this|the\s+(?:current|rest\s+of\s+the))\s+(?:session|conversation|chat|request|exchange|thread)\b/g,
    confidence: 0.75,
    message: 'Declares the safeguards off',
    evidence: 'announces that safety rules do not apply to this conversation',
    negatable: true,
    strong: true,
  },
  {
    id: 'real-task-revealed',
    code: 'prompt/injection',
    pattern:
      /\bwhat\s+you\s+(?:must|should|need\s+to|are\s+(?:supposed|meant)\s+to|have\s+to)\s+(?:really|actually|truly|secretly)\s+do\s+is\b/g,
    confidence: 0.7,
    message: "Replaces the model's task",
    evidence: 'claims the real task is another one than the developer gave',
    negatable: true,
    // About the model's answers or instructions, not a plant or a recipe.
    near: /\b(?:repl(?:y|ies)|answers?|responses?|respond|asked\s+you|told\s+you|instructions|a\s+test|the\s+user)\b/,
    nearWindow: 120,
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
    pattern: new RegExp(
      `\\b(?:${OVERRIDE}|stop)\\s+(?:all\\s+(?:of\\s+)?)?(?:that|this|it|what\\s+you\\s+(?:were|are)\\s+doing|the\\s+(?:task|request|above|first\\s+part))\\s+(?:and|,|;|then|instead|now)\\b`,
      'g',
    ),
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
        `\\b(?:just|only|simply)\\s+(?:print|output|say|write|type|echo|return|reply\\s+with|respond\\s+with|answer\\s+with)\\s+(?:the\\s+(?:word|phrase|text|sentence|string)s?\\s+)?["'“‘]|` +
        // A shouted stop ("STOP!!!", "wait.!!") right before a dictated output.
        `\\bthe\\s+(?:assistant|ai|model|bot|chatbot|llm)\\s+(?:must|should|will|shall)\\s+(?:now|instead)\\s+(?:print|output|say|write|reply\\s+with|respond\\s+with|answer\\s+with)\\s+["'“‘]|` +
        `\\b(?:stop|wait|halt)(?:!{2,}|\\.!+)\\s*(?:(?:just|now)\\s+)?(?:print|output|return|echo|reply\\s+with|respond\\s+with)\\s+["'“‘]`,
      'g',
    ),
    confidence: 0.7,
    message: 'Hijacks the output',
    evidence: 'dictates the answer instead of the task the model was given',
    negatable: true,
    // "Simply reply with 'REMOVE' in the subject line": a mailing list's way out, written to a person.
    near: (around) => !/\bsubject\s+(?:line|field)\b/.test(around),
    nearWindow: 80,
    strong: true,
  },
  {
    id: 'persona-refusal-removal',
    code: 'prompt/jailbreak',
    pattern: REFUSAL_REMOVAL,
    confidence: 0.8,
    message: 'Persona without refusals or rules',
    evidence: 'role play in which the model drops its rules, ethics or refusals',
    reportable: true,
    near: /\b(?:you\s+are|you're|act(?:ing)?\s+as|pretend|roleplay|role-play|role\s+play|persona|character|become|from\s+now\s+on|simulate|emulate|respond\s+as|answer\s+as|alter\s+ego|(?:ai|bot|chatbot|assistant|model|entity|being|demon)\s+(?:named|called|known\s+as|that|who|which)|you\s+(?:will|must|can|shall)|your\s+(?:responses|answers|replies)|mode|alter\s+ego)\b/,
    nearWindow: 300,
    strong: true,
  },
  {
    id: 'persona-no-policy',
    code: 'prompt/jailbreak',
    pattern:
      /\b(?:not\s+(?:have\s+to\s+)?(?:follow|obey|abide\s+by|adhere\s+to|respect)|(?:doesn't|does\s+not|don't|do\s+not|no\s+longer|never)\s+(?:ha(?:ve|s)\s+to\s+)?(?:follow|obey|abide\s+by|adhere\s+to|respect))\s+(?:(?:any\s+(?:of\s+)?|the\s+|your\s+)?(?:\w+\s+){0,3}?(?:polic(?:y|ies)|guidelines|rules|terms|restrictions|content\s+polic(?:y|ies)|filters)|(?:openai|anthropic|google|microsoft|meta|its\s+(?:makers|creators|developers)))\b/g,
    confidence: 0.75,
    message: "Lifts the provider's policies",
    evidence: 'tells the model it need not follow its rules',
    near: (around) =>
      PERSONA_CUE.test(around) ||
      /\b(?:openai|anthropic|google|microsoft|meta|your\s+(?:developers|creators|makers))\b/.test(around),
    nearWindow: 300,
    strong: true,
  },
  ...LEAK_RULES,
  ...AUTHORITY_RULES,
  {
    id: 'authority-tag',
    code: 'prompt/injection',
    pattern:
      /(?:^|[\n.!?])[ \t]*(?:\[(?:admin|administrator|root|sudo|superuser|operator|developer|system|owner)\]|(?:admin|administrator|root|operator|developer|owner)\s+(?:request|order|command|notice|message|override)\s*:)/g,
    confidence: 0.7,
    message: 'Claims authority to unlock the model',
    evidence: 'a bracketed authority tag followed by what it unlocks',
    kinds: ['user', 'assistant', 'dataset-cell'],
    // "Admin notice: the printer configuration has changed" is a notice; the model's configuration is the target.
    near: /\b(?:authori[sz]ed|verified|granted|privileges?|override|bypass|skip\s+(?:the\s+|all\s+)?(?:checks|verification|filters|safety)|disabled|lifted|unrestricted|no\s+restrictions|ignore|comply|(?:your|its)\s+(?:\w+\s+)?configuration|(?:print|show|display|reveal|output|dump|share)\s+(?:[\w-]+\s+){0,6}?(?:configuration|instructions)|system\s+prompt|(?:custom|hidden|your)\s+instructions)\b/,
    nearWindow: 120,
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
    // At the start of its clause, or after a verb that puts the model in the mode ("you are now in debug mode"):
    // "running SA in debug mode causes razor to spew…" describes a mode, it claims none.
    before: /\b(?:you\s+are\s+(?:now\s+)?in|entering|enter|switch(?:ing)?\s+to|activate|enable|now\s+in)\s*$|^\W*$/,
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
];
