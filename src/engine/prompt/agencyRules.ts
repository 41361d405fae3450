import { anyOf, filler, type PhraseRule } from './phraseRules';

// Grants of unbounded action (OWASP LLM06:2025 "excessive functionality, permissions and autonomy").
// Every rule is negatable: "never run commands without confirmation" is the mitigation, not the risk.

const GRANT = anyOf([
  'you can', 'you may', 'you are allowed to', 'you are permitted to', 'you are authori[sz]ed to', 'you are free to',
  'you have permission to', 'you have the authority to', 'you should', 'you will', 'feel free to', 'go ahead and',
  'is allowed to', 'is permitted to', 'is authori[sz]ed to', 'are allowed to', 'are permitted to', 'can freely', 'always',
]);

const UNBOUNDED = anyOf(['any', 'all', 'arbitrary', 'whatever', 'every', 'unlimited', 'as many', 'as much']);

const EXECUTABLE = anyOf([
  'commands?', 'code', 'scripts?', 'shell(?: commands?)?', 'queries', 'sql(?: statements?| queries)?', 'programs?',
  'actions?', 'tools?', 'functions?', 'api calls?', 'operations?', 'transactions?', 'system calls?', 'terminal commands?',
]);

const DESTRUCTIVE_OR_COSTLY = anyOf([
  'delete', 'remove', 'erase', 'wipe', 'drop', 'destroy', 'purge', 'overwrite', 'modify', 'transfer', 'send', 'wire',
  'spend', 'pay', 'purchase', 'buy', 'refund', 'approve', 'sign', 'deploy', 'publish', 'post', 'email', 'charge', 'book',
  'order', 'cancel', 'shut down', 'restart', 'install', 'uninstall', 'push', 'merge', 'commit', 'grant', 'revoke',
]);

const ASSETS = anyOf([
  'files?', 'folders?', 'director(?:y|ies)', 'data', 'databases?', 'tables?', 'records?', 'emails?', 'messages?', 'money',
  'funds', 'amounts?', 'payments?', 'transactions?', 'orders?', 'invoices?', 'contracts?', 'accounts?', 'resources', 'repositor(?:y|ies)',
  'branches', 'users?', 'servers?', 'instances?', 'vms?', 'machines?', 'packages?', 'code', 'changes', 'items?', 'purchases?', 'permissions',
]);

const CONFIRMATION = anyOf([
  'confirmation', 'confirming', 'approval', 'permission', 'consent', 'authori[sz]ation', 'review', 'sign-?off', 'human review',
  'oversight', 'supervision', 'a human in the loop', 'double-checking', 'checking with (?:the )?(?:user|human|anyone)',
]);

export const AGENCY_RULES: PhraseRule[] = [
  {
    id: 'run-anything',
    code: 'prompt/excessive-agency',
    pattern: new RegExp(
      `\\b${GRANT}\\s+${filler(2)}(?:run|execute|invoke|perform|issue|call)\\s+${UNBOUNDED}\\s+${filler(2)}${EXECUTABLE}\\b|` +
        `\\b(?:run|execute)\\s+(?:any|arbitrary|all)\\s+(?:\\w+\\s+)?(?:shell\\s+|system\\s+|terminal\\s+|bash\\s+|sql\\s+|python\\s+)?(?:commands?|code|scripts?|queries)\\s+(?:the\\s+user\\s+|they\\s+|you\\s+|it\\s+)?(?:gives?|sends?|asks?|provides?|wants?|requests?|needs?|see\\s+fit|like|want)`,
      'g',
    ),
    confidence: 0.8,
    message: 'Grants unbounded command or tool execution',
    evidence: 'any command, code or tool may be run',
    negatable: true,
    strong: true,
  },
  {
    id: 'without-confirmation',
    code: 'prompt/excessive-agency',
    pattern: new RegExp(
      `\\bwithout\\s+(?:${filler(2)}(?:asking|requesting|seeking|waiting\\s+for|requiring|needing|getting|prompting\\s+for|obtaining)\\s+(?:for\\s+)?${filler(3)}|(?:any\\s+|human\\s+|user\\s+|further\\s+|prior\\s+|explicit\\s+)*)${CONFIRMATION}\\b`,
      'g',
    ),
    confidence: 0.75,
    message: 'Acts without human confirmation',
    evidence: 'an action is taken without asking anyone',
    negatable: true,
    before: new RegExp(`\\b${DESTRUCTIVE_OR_COSTLY}|\\b(?:run|execute|act|proceed|take\\s+action|make\\s+(?:changes|decisions|purchases))\\b`),
    strong: true,
  },
  {
    id: 'do-not-ask',
    code: 'prompt/excessive-agency',
    pattern:
      /\b(?:do\s+not|don't|never|no\s+need\s+to|there\s+is\s+no\s+need\s+to)\s+(?:ask|check\s+with|confirm\s+with|wait\s+for|bother)\s+(?:the\s+)?(?:user|human|me|anyone|operator|admin|a\s+human)\s*(?:for\s+)?(?:\w+\s+){0,2}(?:before|for\s+(?:confirmation|approval|permission)|first)\b|\b(?:do\s+not|don't|never|no\s+need\s+to)\s+(?:ask|wait|seek|request|get|obtain)\s+(?:for\s+)?(?:the\s+)?(?:user'?s?|human'?s?|my|anyone'?s?|operator'?s?|admin'?s?|manager'?s?)\s+(?:explicit\s+)?(?:approval|confirmation|permission|consent|sign-?off)\b/g,
    confidence: 0.75,
    message: 'Tells the model not to ask for confirmation',
    evidence: 'removes the human from the loop',
    strong: true,
  },
  {
    id: 'full-access',
    code: 'prompt/excessive-agency',
    pattern:
      /\byou\s+(?:have|now\s+have|are\s+given|are\s+granted|get)\s+(?:(?:root|admin(?:istrator)?|superuser|god[- ]mode|unrestricted|unlimited|unfettered)\s+(?:access|control|permissions?|privileges|rights)|(?:full|complete|total)\s+(?:access|control|permissions?|privileges|rights|authority)\s+(?:to|over|on)\s+(?:the\s+|all\s+|my\s+|our\s+|this\s+|any\s+|your\s+|the\s+user'?s\s+)?(?:\w+\s+)?(?:systems?|files?|file\s*system|database|databases|servers?|shell|terminal|bank|accounts?|funds|payments|e-?mails?|inbox|production|infrastructure|network|computer|machine|cloud|repositor(?:y|ies)|everything|tools|apis?|calendar|contacts))\b/g,
    confidence: 0.7,
    message: 'Grants the model full access',
    evidence: 'unrestricted permissions instead of least privilege',
    negatable: true,
    strong: true,
  },
  {
    id: 'unbounded-destructive-action',
    code: 'prompt/excessive-agency',
    pattern: new RegExp(
      `\\b${GRANT}\\s+${filler(1)}${DESTRUCTIVE_OR_COSTLY}\\s+(?:${UNBOUNDED}\\s+${filler(2)}${ASSETS}|${filler(3)}(?:as\\s+you\\s+see\\s+fit|at\\s+your\\s+(?:own\\s+)?discretion|whenever\\s+you\\s+(?:want|like|see\\s+fit|deem)|without\\s+(?:any\\s+)?limits?))\\b`,
      'g',
    ),
    confidence: 0.75,
    message: 'Grants destructive or costly actions without bounds',
    evidence: 'delete, pay or send anything at the model\'s discretion',
    negatable: true,
    strong: true,
  },
  {
    id: 'any-action-necessary',
    code: 'prompt/excessive-agency',
    pattern:
      /\b(?:take|perform|do|use)\s+(?:any|whatever|all)\s+(?:actions?|steps?|measures?|means|tools?)\s+(?:(?:that\s+)?(?:are|is)\s+)?(?:necessary|needed|required|you\s+(?:deem|see\s+fit|want|think\s+(?:best|necessary)|consider\s+necessary))\b/g,
    confidence: 0.6,
    message: 'Unbounded "any action necessary" mandate',
    evidence: 'no limit on what the model may do',
    negatable: true,
  },
  {
    id: 'no-spending-limit',
    code: 'prompt/excessive-agency',
    pattern: /\b(?:no|without(?:\s+any)?|unlimited)\s+(?:spending|budget|transaction|payment|purchase)\s+(?:limits?|caps?|ceiling|restrictions?)\b|\bunlimited\s+(?:budget|spending)\b/g,
    confidence: 0.65,
    message: 'No spending limit',
    evidence: 'payments without a cap',
    negatable: true,
  },
];
