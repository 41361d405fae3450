import type { DetectorMatch } from '../detectors';
import { AGENCY_RULES } from './agencyRules';
import { findConfusables } from './confusable';
import { anyPromptCheckEnabled } from '../config';
import { EXFILTRATION_RULES, findExfiltrationUrls } from './exfiltration';
import { findHiddenInstructions } from './hiddenInstructions';
import { INJECTION_RULES } from './injectionRules';
import { findInvisibleCharacters } from './invisible';
import { JAILBREAK_RULES } from './jailbreakRules';
import { LEAK_RULES } from './leakRules';
import { riskMatch } from './match';
import { PARAPHRASE_RULES } from './paraphraseRules';
import { SEMANTIC_RULES } from './semanticRules';
import { SHORT_ATTACK_RULES } from './shortAttackRules';
import { deobfuscatedView, vocabularyOf } from './obfuscation';
import { runPhraseRules, type PhraseRule, type PromptKind, type RuleHit } from './phraseRules';
import { SPOOFING_RULES } from './spoofingRules';
import { findSystemPromptSecrets } from './systemSecrets';
import { guessTemplateSyntax, type TemplateSyntax } from './templateVariables';
import { findScorerRisks, SCORER_CODES } from './scorer/findings';
import { plainView, type TextView } from './textView';
import { findUnsafeTemplateVariables } from './unsafeTemplate';

export interface PromptContext {
  /** The chat role of the text, when it is a message (`system`, `user`, `assistant`, `tool`…). */
  role?: string;
  kind: PromptKind;
  templateSyntax?: TemplateSyntax;
  /** Inputs a prompt file declares (prompty `inputs`): their variables count as user-controlled. */
  userInputs?: ReadonlySet<string>;
  /** The codes switched on (the scan's `checks`): a check whose codes are all off does no work. Default: all. */
  enabled?: (code: string) => boolean;
}

export const PHRASE_RULES: readonly PhraseRule[] = [
  ...INJECTION_RULES,
  ...SEMANTIC_RULES,
  ...PARAPHRASE_RULES,
  ...SHORT_ATTACK_RULES,
  ...SPOOFING_RULES,
  ...JAILBREAK_RULES,
  ...LEAK_RULES,
  ...EXFILTRATION_RULES,
  ...AGENCY_RULES,
];

const VOCABULARY = vocabularyOf(PHRASE_RULES.map((rule) => rule.pattern));

/** A dataset cell that is a chat message is checked as that role. */
function effectiveKind(context: PromptContext): PromptKind {
  if (context.kind !== 'dataset-cell' || !context.role) return context.kind;
  const role = context.role.toLowerCase();
  if (role === 'system' || role === 'developer') return 'system';
  if (role === 'assistant') return 'assistant';
  return role === 'user' ? 'user' : 'dataset-cell';
}

function ruleMatch(hit: RuleHit, extraEvidence?: string): DetectorMatch {
  return riskMatch(hit.rule.code, hit.start, hit.end, {
    confidence: hit.rule.confidence + (extraEvidence ? 0.05 : 0),
    message: hit.rule.message,
    evidence: extraEvidence ? [hit.rule.evidence, extraEvidence] : [hit.rule.evidence],
    extra: { rule: hit.rule.id },
  });
}

/**
 * The phrase rules whose code is on (the same array when all are, so nothing is copied per text), found once per
 * `enabled` function: a scan hands every cell of a file the same one (its collector's, which answers the same for
 * a code all along), and filtering the rules again per cell cost a twentieth of a prompt column's checks.
 */
const rulesByEnabled = new WeakMap<(code: string) => boolean, readonly PhraseRule[]>();

function enabledRules(enabled: ((code: string) => boolean) | undefined): readonly PhraseRule[] {
  if (!enabled) return PHRASE_RULES;
  let rules = rulesByEnabled.get(enabled);
  if (!rules) {
    const on = PHRASE_RULES.filter((rule) => enabled(rule.code));
    rules = on.length === PHRASE_RULES.length ? PHRASE_RULES : on;
    rulesByEnabled.set(enabled, rules);
  }
  return rules;
}

/** Phrase rules on the folded text, then on its de-obfuscated form for what only shows there. */
function phraseMatches(
  text: string,
  kind: PromptKind,
  rules: readonly PhraseRule[],
): { matches: DetectorMatch[]; plain: ReturnType<typeof plainView> } {
  const plain = plainView(text);
  if (rules.length === 0) return { matches: [], plain };
  const direct = runPhraseRules(rules, plain, text, { kind });
  const matches = direct.map((hit) => ruleMatch(hit));
  const deobfuscated = deobfuscatedView(plain, VOCABULARY);
  if (deobfuscated) {
    for (const hit of runPhraseRules(rules, deobfuscated, text, { kind, strongOnly: true })) {
      const seen = direct.some(
        (other) => other.rule.code === hit.rule.code && other.start < hit.end && hit.start < other.end,
      );
      if (!seen) matches.push(ruleMatch(hit, 'obfuscated with leetspeak or spacing'));
    }
  }
  return { matches, plain };
}

/**
 * Every prompt check on one text: injection (direct, obfuscated, encoded, split), jailbreak templates, invisible
 * and confusable characters, system-prompt leakage, exfiltration URLs, excessive agency and unsafe template
 * variables. Synchronous; offsets are UTF-16 code units into `text`.
 */
export function detectPromptRisks(text: string, context: PromptContext): DetectorMatch[] {
  const on = context.enabled ?? (() => true);
  if (text.length === 0 || !anyPromptCheckEnabled(on)) return [];
  const kind = effectiveKind(context);
  const { matches, plain } = phraseMatches(text, kind, enabledRules(context.enabled));
  if (on('prompt/invisible-unicode')) matches.push(...findInvisibleCharacters(text));
  if (on('prompt/confusable')) matches.push(...findConfusables(text));
  if (on('prompt/injection')) matches.push(...findHiddenInstructions(PHRASE_RULES, text, plain));
  if (on('prompt/exfiltration')) matches.push(...findExfiltrationUrls(text));
  // The learned scorer reads meaning the rules' phrasings miss; where a rule already explains an attack, the
  // rule's finding stands alone.
  if (SCORER_CODES.some((code) => on(code)))
    matches.push(...scorerWhereRulesAreSilent(scorerRisksFor(kind, plain), matches));
  if (on('prompt/system-prompt-leak')) {
    if (kind === 'system') matches.push(...findSystemPromptSecrets(text));
    // A prompt file without role sections may or may not be a system prompt: same findings, less sure.
    if (kind === 'prompt-file')
      matches.push(...findSystemPromptSecrets(text).map((match) => ({ ...match, confidence: match.confidence - 0.1 })));
  }
  const syntax =
    context.templateSyntax ?? (kind === 'prompt-file' || kind === 'system' ? guessTemplateSyntax(text) : undefined);
  if (syntax && on('prompt/unsafe-template'))
    matches.push(...findUnsafeTemplateVariables(text, { syntax, kind, userInputs: context.userInputs }));
  return mergeOverlapping(matches.filter((match) => on(match.code)));
}

const ATTACK_CODES: ReadonlySet<string> = new Set(SCORER_CODES);

/** The score a system prompt or a prompt file must reach before the scorer reports on it (its short-text bar). */
const AUTHORED_PROMPT_SCORE = 0.99;

/**
 * A system prompt or a prompt file is its author's own instruction: personas, voices and "from now on" are its
 * job, and the scorer, trained mostly on user messages, reads them as attacks ("for the rest of this conversation,
 * respond as a calm yoga instructor" scored 0.63; LLM Guard's injection scanner reads user prompts only). There it
 * reports only when nearly certain; the rules still read every phrasing.
 */
function scorerRisksFor(kind: PromptKind, plain: TextView): DetectorMatch[] {
  const risks = findScorerRisks(plain);
  if (kind !== 'system' && kind !== 'prompt-file') return risks;
  return risks.filter((risk) => (risk.confidence ?? 0) >= AUTHORED_PROMPT_SCORE);
}

function scorerWhereRulesAreSilent(scored: DetectorMatch[], rules: readonly DetectorMatch[]): DetectorMatch[] {
  const explained = rules.filter((match) => ATTACK_CODES.has(match.code));
  return scored.filter((match) => !explained.some((rule) => rule.start < match.end && match.start < rule.end));
}

/** One finding per code and place: overlapping matches of the same code merge, keeping the surest. */
export function mergeOverlapping(matches: DetectorMatch[]): DetectorMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.confidence - a.confidence);
  const kept: DetectorMatch[] = [];
  // Sorted by start, the kept matches of one code are disjoint: only the last one of that code can overlap.
  const lastOfCode = new Map<string, number>();
  for (const match of sorted) {
    const index = lastOfCode.get(match.code);
    const overlapping = index === undefined ? undefined : kept[index];
    if (!overlapping || overlapping.end <= match.start) {
      lastOfCode.set(match.code, kept.length);
      kept.push(match);
      continue;
    }
    if (match.confidence > overlapping.confidence) {
      kept[index!] = {
        ...match,
        start: Math.min(match.start, overlapping.start),
        end: Math.max(match.end, overlapping.end),
      };
    } else {
      overlapping.end = Math.max(overlapping.end, match.end);
    }
  }
  return kept;
}
