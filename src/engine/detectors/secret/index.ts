/**
 * `secret/<kind>`: credentials found by secretlint's recommended preset plus the hand-written rules for what
 * it lacks. Messages name the kind of credential and never repeat the secret; matches that look like
 * placeholders (low character entropy, "user:password@") are kept at low confidence rather than dropped, so
 * a template that someone fills in later is still pointed out.
 */
import { contextualMatch } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';
import { looksLikePlaceholder, shannonEntropy } from './entropy';
import { EXTRA_SECRET_RULES, type ExtraSecretRule } from './extra-rules';
import { findKeywordAssignments, KEYWORD_WORDS } from './keyword';
import { SECRETLINT_KINDS, UNNAMED_SECRETLINT_KIND, type SecretKind } from './secretlint-codes';
import { presetRules, runSecretlintRules, type SecretlintReport } from './secretlint-rules';

const PLACEHOLDER_BASE = 0.3;
const PLACEHOLDER_PASSWORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'changeme',
  'xxx',
  'xxxx',
  'xxxxxx',
  'example',
  'test',
  'user',
  'username',
  'admin',
]);

interface SecretHit {
  kind: SecretKind;
  start: number;
  end: number;
  evidence: string[];
  base?: number;
  message?: string;
  data: Record<string, unknown>;
}

export function detectSecrets(input: DetectorInput): DetectorMatch[] {
  const keyIdCell = serviceAccountKeyIdCell(input);
  if (!mightHoldSecret(input.value)) return keyIdCell ? [secretMatch(input, keyIdCell)] : [];
  const hits = [...secretlintHits(input.value), ...extraRuleHits(input.value)];
  // The generic rule speaks only where no format rule has named the secret.
  for (const hit of keywordHits(input.value))
    if (!hits.some((other) => other.start < hit.end && hit.start < other.end)) hits.push(hit);
  if (keyIdCell) hits.push(keyIdCell);
  return hits.map((hit) => secretMatch(input, hit));
}

const KEYWORD_KIND: SecretKind = {
  code: 'secret/keyword-assignment',
  message: 'Value assigned to a secret-named key',
  base: 0.7,
  tokenLike: false,
};
const SERVICE_ACCOUNT_KIND: SecretKind = {
  code: 'secret/gcp-service-account-key',
  message: 'Google Cloud service-account key id',
  base: 0.8,
  tokenLike: false,
};

function keywordHits(value: string): SecretHit[] {
  return findKeywordAssignments(value).map((hit) => ({
    kind: KEYWORD_KIND,
    start: hit.start,
    end: hit.end,
    base: hit.confidence,
    evidence: hit.evidence,
    data: { rule: 'keyword-assignment', key: hit.key },
  }));
}

/** A JSON key file scanned leaf by leaf: its 40-hex `private_key_id` cell is the key file's mark. */
function serviceAccountKeyIdCell(input: DetectorInput): SecretHit | undefined {
  const column = input.context.column?.toLowerCase() ?? '';
  if (!column.endsWith('private_key_id') || !/^[0-9a-f]{40}$/.test(input.value)) return undefined;
  return {
    kind: SERVICE_ACCOUNT_KIND,
    start: 0,
    end: input.value.length,
    evidence: ['a 40-hex private_key_id, as in a service-account key file'],
    data: { rule: 'gcp-service-account-key' },
  };
}

/** A case-insensitive test for any rule's keyword; null when some rule has none and so runs on every value. */
let anyRuleKeyword: RegExp | null | undefined;

/**
 * Each rule runs only on values holding one of its keywords (ASCII, in any case, in every match), so a value
 * holding no keyword of any rule has no secret: one test instead of lower-casing the value and searching it
 * for each keyword in turn, on every cell of a large file that has a long token or an '@'.
 */
export function mightHoldSecret(value: string): boolean {
  if (anyRuleKeyword === undefined) {
    const lists = [
      ...presetRules().map((rule) => rule.keywords),
      ...EXTRA_SECRET_RULES.map((rule) => rule.keywords),
      KEYWORD_WORDS,
    ];
    const everyRuleGated = lists.every((list) => list !== undefined && list.length > 0);
    anyRuleKeyword = everyRuleGated
      ? new RegExp([...new Set(lists.flatMap((list) => list ?? []))].map(escapeRegExp).join('|'), 'i')
      : null;
  }
  return anyRuleKeyword === null || anyRuleKeyword.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
}

function secretlintHits(value: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const report of runSecretlintRules(value)) {
    const kind = SECRETLINT_KINDS[`${report.ruleId}:${report.messageId}`] ?? UNNAMED_SECRETLINT_KIND;
    const [start, end] = secretRange(value, report);
    const validation = kind.validate ? kind.validate(value.slice(start, end)) : [];
    if (!validation) continue;
    const shortRule = report.ruleId.replace('@secretlint/secretlint-rule-', '');
    const typeName = typeof report.data?.['typeName'] === 'string' ? ` (${report.data['typeName']})` : '';
    hits.push({
      kind,
      start,
      end,
      evidence: [`secretlint rule '${shortRule}' (${report.messageId})`, ...validation],
      message: `${kind.message}${typeName}`,
      data: { rule: report.ruleId },
    });
  }
  return hits;
}

/** The part of a reported match that is the secret (group 1), for rules that report more than that. */
const NARROWER: Record<string, RegExp> = {
  BasicAuth: /:\/\/([^@/\s]+)@/,
  AWSAccountID: /(\d{4}-?\d{4}-?\d{4})/,
};

/**
 * Where the secret itself is. Some rules report the start of the whole assignment with the length of the
 * captured key (`aws_secret_access_key = …`), so the secret is found again from the text the rule
 * reported; URL credentials are narrowed to `user:password`, an AWS account ID to its digits.
 */
function secretRange(value: string, report: SecretlintReport): [number, number] {
  const data = report.data ?? {};
  const reported = ['ID', 'KEY', 'TOKEN', 'CREDENTIAL', 'URL']
    .map((key) => data[key])
    .find((text) => typeof text === 'string');
  let [start, end] = [report.start, report.end];
  if (typeof reported === 'string' && reported.length > 0) {
    const at = value.indexOf(reported, report.start);
    if (at >= 0) [start, end] = [at, at + reported.length];
  }
  const inner = NARROWER[report.messageId]?.exec(value.slice(start, end));
  if (!inner?.[1]) return [start, end];
  const offset = start + inner.index + inner[0].indexOf(inner[1]);
  return [offset, offset + inner[1].length];
}

function extraRuleHits(value: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const lower = value.toLowerCase();
  for (const rule of EXTRA_SECRET_RULES) {
    if (!rule.keywords.some((keyword) => lower.includes(keyword))) continue;
    if (rule.context && !rule.context.test(value)) continue;
    for (const found of value.matchAll(rule.pattern)) {
      // The secret is the last capture group when there is one (a rule may capture its key name first).
      const secret = found[found.length - 1] ?? found[0];
      const start = found.index + found[0].indexOf(secret);
      const hit = extraRuleHit(rule, secret, start);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}

function extraRuleHit(rule: ExtraSecretRule, secret: string, start: number): SecretHit | undefined {
  const validation = rule.validate
    ? rule.validate(secret)
    : [rule.identifiedBy ?? 'matches the documented token format'];
  if (!validation) return undefined;
  const lowered = rule.lowerWhen?.pattern.test(secret) ? rule.lowerWhen : undefined;
  return {
    kind: rule,
    start,
    end: start + secret.length,
    evidence: lowered ? [...validation, lowered.evidence] : validation,
    ...(lowered ? { base: lowered.base } : {}),
    data: { rule: rule.code },
  };
}

function secretMatch(input: DetectorInput, hit: SecretHit): DetectorMatch {
  const secret = input.value.slice(hit.start, hit.end);
  const evidence = [...hit.evidence];
  let base = hit.base ?? hit.kind.base;
  if (hit.kind.tokenLike) {
    const bits = shannonEntropy(secret).toFixed(1);
    if (looksLikePlaceholder(secret)) {
      base = PLACEHOLDER_BASE;
      evidence.push(`low character entropy (${bits} bits/char): looks like a placeholder`);
    } else evidence.push(`character entropy ${bits} bits/char, as random keys have`);
  }
  if (
    hit.kind.code === 'secret/url-credentials' &&
    PLACEHOLDER_PASSWORDS.has((secret.split(':')[1] ?? '').toLowerCase())
  ) {
    base = PLACEHOLDER_BASE;
    evidence.push('the password looks like a placeholder');
  }
  return contextualMatch(input, {
    code: hit.kind.code,
    kind: 'secret',
    start: hit.start,
    end: hit.end,
    base,
    evidence,
    message: hit.message ?? hit.kind.message,
    placeholder: '<SECRET>',
    data: hit.data,
  });
}
