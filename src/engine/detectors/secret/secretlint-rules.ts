/**
 * Runs the rules of secretlint's recommended preset on one value, synchronously.
 *
 * Why not `@secretlint/core`'s `lintSource`: it is async and builds a rule context, a translator, a source
 * index and a message pipeline for every call: about 90 µs per value, against about 13 µs for the same
 * rules driven here and 2 µs with keyword gating (`test/bench/detectors.ts`, same values). That is too slow for
 * every cell of a large dataset, and it cannot be called from the synchronous detector API. The preset's scanner rules are plain objects whose `create(context, options)`
 * returns a synchronous `file(source)` handler that only reads `source.content` (and `filePath`/`ext`), so
 * they are created once here with a minimal context and fed each value. The rules, their patterns and
 * their allow-lists stay secretlint's; this file only adapts the calling convention.
 */
import { rules } from '@secretlint/secretlint-rule-preset-recommend';
import { SKIPPED_RULES } from './secretlint-codes';

type RuleCreator = (typeof rules)[number];
type RuleContext = Parameters<RuleCreator['create']>[0];
type RuleHandler = ReturnType<RuleCreator['create']>;
type RuleSource = Parameters<NonNullable<RuleHandler['file']>>[0];
type RuleOptions = Parameters<RuleCreator['create']>[1];

/** One report of a secretlint rule, with the range it gave (UTF-16 offsets into the value). */
export interface SecretlintReport {
  ruleId: string;
  messageId: string;
  start: number;
  end: number;
  /** The rule's message parameters (GitHub's token type name, for example). */
  data: Record<string, unknown> | undefined;
}

/**
 * Rule options: the AWS rule scans for access key IDs (AKIA…) only when `enableIDScanRule` is set; an
 * access key ID in a dataset is a leak worth reporting, so it is on.
 */
const RULE_OPTIONS: Record<string, RuleOptions> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};

/**
 * Lower-case words every match of a rule contains, read from the rule's patterns (gitleaks calls them
 * keywords): a rule runs only on values that contain one. Some preset regexes are costly on long tokens
 * (the basic-auth one tries 256 characters from every position), and most values contain none of these.
 * A rule missing here always runs; the unit tests check that gating never changes what the rules report.
 */
export const RULE_KEYWORDS: Record<string, readonly string[]> = {
  '@secretlint/secretlint-rule-aws': [
    'a3t',
    'akia',
    'agpa',
    'aida',
    'aroa',
    'aipa',
    'anpa',
    'anva',
    'asia',
    'secret',
    'account',
  ],
  '@secretlint/secretlint-rule-privatekey': ['-----begin'],
  '@secretlint/secretlint-rule-npm': ['x-oauth-basic', '_authtoken=', 'npm_'],
  '@secretlint/secretlint-rule-basicauth': ['://'],
  '@secretlint/secretlint-rule-slack': ['xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-', 'hooks.slack.com'],
  '@secretlint/secretlint-rule-sendgrid': ['sg.'],
  '@secretlint/secretlint-rule-shopify': ['shppa_', 'shpca_', 'shpat_', 'shpss_'],
  '@secretlint/secretlint-rule-github': ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  '@secretlint/secretlint-rule-openai': ['t3blbkfj'],
  '@secretlint/secretlint-rule-linear': ['lin_api_'],
  '@secretlint/secretlint-rule-1password': ['ops_'],
};

interface ActiveRule {
  id: string;
  keywords: readonly string[] | undefined;
  file: NonNullable<RuleHandler['file']>;
}

let sink: SecretlintReport[] | undefined;
let currentRuleId = '';
let activeRules: ActiveRule[] | undefined;

function createContext(): RuleContext {
  return {
    sharedOptions: {},
    createTranslator: ((_messages: unknown) => (messageId: string, data?: Record<string, unknown>) => ({
      message: messageId,
      messageId,
      data,
    })) as RuleContext['createTranslator'],
    report(descriptor) {
      const [start, end] = descriptor.range;
      sink?.push({
        ruleId: currentRuleId,
        messageId: descriptor.message.messageId,
        start,
        end,
        data: descriptor.message.data,
      });
    },
    ignore() {
      // Only the comment filter (not run) ignores ranges.
    },
  };
}

/** The preset's scanner rules, created once. */
export function presetRules(): ActiveRule[] {
  if (activeRules) return activeRules;
  const context = createContext();
  activeRules = rules
    .filter((rule) => !SKIPPED_RULES.has(rule.meta.id))
    .flatMap((rule) => {
      const file = rule.create(context, RULE_OPTIONS[rule.meta.id] ?? {}).file;
      return file ? [{ id: rule.meta.id, keywords: RULE_KEYWORDS[rule.meta.id], file }] : [];
    });
  return activeRules;
}

/**
 * Every report the preset's rules make on `value`, in rule order. With `gated` (the default) a rule runs
 * only when the value contains one of its keywords.
 */
export function runSecretlintRules(value: string, gated = true): SecretlintReport[] {
  const reports: SecretlintReport[] = [];
  const source = new ValueSource(value);
  const lower = value.toLowerCase();
  sink = reports;
  try {
    for (const rule of presetRules()) {
      if (gated && rule.keywords && !rule.keywords.some((keyword) => lower.includes(keyword))) continue;
      currentRuleId = rule.id;
      void rule.file(source);
    }
  } finally {
    sink = undefined;
  }
  return reports;
}

/** A value presented as a secretlint source: a text without a file name. */
export class ValueSource implements RuleSource {
  readonly hasBOM = false;
  readonly filePath = undefined;
  readonly physicalFilePath = undefined;
  readonly contentType = 'text' as const;
  readonly ext = '';
  private lineStarts: number[] | undefined;

  constructor(readonly content: string) {}

  getFilePath(): undefined {
    return undefined;
  }

  getPhysicalFilePath(): undefined {
    return undefined;
  }

  locationToRange(loc: { start: Position; end: Position }): readonly [number, number] {
    return [this.positionToIndex(loc.start), this.positionToIndex(loc.end)];
  }

  rangeToLocation(range: readonly [number, number]): { start: Position; end: Position } {
    return { start: this.indexToPosition(range[0]), end: this.indexToPosition(range[1]) };
  }

  /** secretlint positions: 1-based lines, 0-based columns. */
  positionToIndex(position: Position): number {
    const starts = this.starts();
    return (starts[position.line - 1] ?? this.content.length) + position.column;
  }

  indexToPosition(index: number): Position {
    const starts = this.starts();
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= index) line++;
    return { line: line + 1, column: index - (starts[line] ?? 0) };
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = 0; i < this.content.length; i++) if (this.content[i] === '\n') starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }
}

interface Position {
  line: number;
  column: number;
}
