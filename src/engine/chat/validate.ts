import { createHash } from 'node:crypto';
import type { Finding, Range, RelatedLocation, Severity } from '../../shared/findings';
import { escapeMarkdown } from '../../shared/markdown';
import { severityForConfidence, type DetectorMatch } from '../detectors';
import { fingerprint } from '../findings';
import { type Cell, type DataRecord, cellValueRange } from '../parse';
import { promptCodeInfo, detectPromptRisks } from '../prompt';
import { MessageGrouper, messageText, readExample, type ChatExample, type ChatMessage } from './examples';
import { countChatTokens, type TokenCounter } from './tokens';

/** Roles OpenAI's chat fine-tuning accepts (`developer` replaces `system` for reasoning models). */
export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
/** The cookbook's example limit (`MAX_TOKENS_PER_EXAMPLE`, gpt-3.5-turbo's 16,385-token context). */
export const DEFAULT_MAX_TOKENS = 16_385;

export interface ChatDatasetOptions {
  /** As findings name it: the CLI's path or the server's URI. */
  file: string;
  /** Relative to the config root, '/' separators: fingerprints depend on it. */
  relativePath: string;
  /** From `loadTokenCounter`; without one, token counts and the limit are skipped. */
  countTokens?: TokenCounter;
  tokenizerName?: string;
  maxTokens?: number;
  roles?: string[];
  /** Run the prompt checks on every message content as its role (default true). */
  promptChecks?: boolean;
  isEnabled?: (code: string) => boolean;
  report: (finding: Finding) => void;
  /** Per example, for hovers that show its token count. */
  onExample?: (stats: ExampleStats) => void;
}

export interface ExampleStats {
  index: number;
  range: Range;
  messages: number;
  tokens?: number;
}

export interface ChatDatasetSummary {
  format: 'chat' | 'prompt-completion' | 'other';
  examples: number;
  invalidExamples: number;
  duplicates: number;
  tokens?: { total: number; max: number; mean: number; overLimit: number };
}

export interface ChatDatasetValidator {
  record(record: DataRecord): void;
  finish(): ChatDatasetSummary;
  /** What the validator keeps from record to record (see `ChatSequence`). */
  readonly sequence: ChatSequence;
}

/** An example as the checks of its record left it: what the sequence needs of it. */
export interface CheckedExample {
  /** Identity: roles and contents, hashed. */
  key: string;
  tokens?: number;
  index: number;
  range: Range;
  /** Whether a format check found a problem. */
  invalid: boolean;
}

/**
 * What a chat dataset check keeps from record to record: the format its first examples show, the shapeless
 * records waiting for it, each example's hash (duplicates) and the summary's counts. Each record's other checks
 * stand alone: a scan in chunks (worker threads) runs those there and replays a chunk's calls of its sequence on
 * one thread, in file order, into the real one (scan/jsonlChunks.ts): the findings are a single pass's.
 */
export interface ChatSequence {
  /** A record that is neither chat nor prompt/completion; `key()` its identity, made only when it is reported. */
  shapeless(range: Range, key: () => string): void;
  /** An example of `format` begins (before its findings). */
  example(format: ExampleFormat): void;
  /** The example's checks are done, but for whether it repeats an earlier one, which this says. */
  checked(example: CheckedExample): void;
  summary(): ChatDatasetSummary;
  /** The format the records so far decided; undefined while undecided. 'other' is final: shapeless records are then ignored. */
  formatSoFar(): ChatDatasetSummary['format'] | undefined;
}

type ExampleFormat = 'chat' | 'prompt-completion';

/** A file whose first records are neither chat nor prompt/completion is another kind of JSONL: stay quiet. */
const SHAPELESS_BEFORE_GIVING_UP = 20;
const PROMPT_CACHE_SIZE = 10_000;

/**
 * A streaming check of a chat fine-tuning dataset, one JSONL record at a time: `dataset/chat-format` (role missing
 * or unknown, empty content, no assistant turn, over the token limit), `dataset/duplicate-example` (with a related
 * location at the first occurrence) and the prompt checks on each message as its role. Memory: one 20-byte hash
 * per distinct example. `sequence`: another thread's stand-in for the record-to-record state (see `ChatSequence`).
 */
export function validateChatDataset(options: ChatDatasetOptions, sequence?: ChatSequence): ChatDatasetValidator {
  const findings = new ChatFindings(options);
  return new ChatDatasetCheck(options, findings, sequence ?? new ChatOrder(options, findings));
}

/** Identity and token count of the example being checked: fingerprints and hovers use them. */
interface Current {
  key: string;
  tokens?: number;
}

/** How the chat checks word and fingerprint their findings. */
class ChatFindings {
  constructor(private readonly options: ChatDatasetOptions) {}

  format(
    current: Current,
    range: Range,
    message: string,
    problem: string,
    severity: Severity = 'error',
    extra: Record<string, unknown> = {},
  ): void {
    const tokens = current.tokens;
    // No evidence line: it would only repeat the message (a text report printed it twice).
    this.emit('dataset/chat-format', range, severity, message, `${problem}:${current.key}`, {
      ...(tokens !== undefined ? { tokens } : {}),
      ...extra,
      hover: hoverFor('dataset/chat-format', message, tokens),
    });
  }

  emit(
    code: string,
    range: Range,
    severity: Severity,
    message: string,
    subject: string,
    data: Record<string, unknown>,
  ): void {
    if (this.options.isEnabled && !this.options.isEnabled(code)) return;
    const helpUri =
      code === 'dataset/chat-format' || code === 'dataset/duplicate-example' ? promptCodeInfo(code).helpUri : undefined;
    this.options.report({
      file: this.options.file,
      range,
      code,
      severity,
      message,
      data: {
        ...(helpUri ? { helpUri } : {}),
        ...data,
        fingerprint: fingerprint(code, this.options.relativePath, subject),
      },
    });
  }
}

/** The record-to-record state of a file's chat checks, on the thread that sees every record in order. */
class ChatOrder implements ChatSequence {
  private format: ChatDatasetSummary['format'] | undefined;
  private readonly firstSeen = new Map<string, { index: number; range: Range }>();
  private readonly pendingShapeless: Array<{ range: Range; key: () => string }> = [];
  private examples = 0;
  private invalid = 0;
  private duplicates = 0;
  private tokenTotal = 0;
  private tokenMax = 0;
  private overLimit = 0;

  constructor(
    private readonly options: ChatDatasetOptions,
    private readonly findings: ChatFindings,
  ) {}

  shapeless(range: Range, key: () => string): void {
    if (this.format === 'chat' || this.format === 'prompt-completion') return this.reportShapeless(range, key);
    if (this.format === 'other') return;
    this.pendingShapeless.push({ range, key });
    if (this.pendingShapeless.length >= SHAPELESS_BEFORE_GIVING_UP) {
      this.format = 'other';
      this.pendingShapeless.length = 0;
    }
  }

  example(format: ExampleFormat): void {
    this.examples++;
    if (this.format !== undefined) return;
    this.format = format;
    for (const pending of this.pendingShapeless.splice(0)) this.reportShapeless(pending.range, pending.key);
  }

  checked(example: CheckedExample): void {
    if (example.invalid) this.invalid++;
    if (example.tokens !== undefined) {
      this.tokenTotal += example.tokens;
      this.tokenMax = Math.max(this.tokenMax, example.tokens);
      if (example.tokens > tokenLimit(this.options)) this.overLimit++;
    }
    const first = this.firstSeen.get(example.key);
    if (!first) {
      this.firstSeen.set(example.key, { index: example.index, range: example.range });
      return;
    }
    this.duplicates++;
    const { tokens } = example;
    const message = `Duplicate of example ${first.index + 1}`;
    const related: RelatedLocation[] = [
      { file: this.options.file, range: first.range, message: `first occurrence (example ${first.index + 1})` },
    ];
    this.findings.emit('dataset/duplicate-example', example.range, 'warning', message, example.key, {
      related,
      evidence: ['identical roles and contents'],
      hover: hoverFor('dataset/duplicate-example', message, tokens),
      ...(tokens !== undefined ? { tokens } : {}),
    });
  }

  summary(): ChatDatasetSummary {
    const format = this.format ?? 'other';
    const tokens =
      this.options.countTokens && this.examples > 0
        ? {
            total: this.tokenTotal,
            max: this.tokenMax,
            mean: this.tokenTotal / this.examples,
            overLimit: this.overLimit,
          }
        : undefined;
    return { format, examples: this.examples, invalidExamples: this.invalid, duplicates: this.duplicates, tokens };
  }

  formatSoFar(): ChatDatasetSummary['format'] | undefined {
    return this.format;
  }

  private reportShapeless(range: Range, key: () => string): void {
    this.invalid++;
    this.findings.format(
      { key: key() },
      range,
      'Example has neither "messages" nor "prompt"/"completion"',
      'shapeless',
    );
  }
}

function tokenLimit(options: ChatDatasetOptions): number {
  return options.maxTokens ?? DEFAULT_MAX_TOKENS;
}

/** The checks of each record on its own; what links records is the sequence's. */
class ChatDatasetCheck implements ChatDatasetValidator {
  private readonly grouper = new MessageGrouper();
  private readonly roles: Set<string>;
  /** Prompt-check results by role and content: datasets repeat their system prompt in every example. */
  private readonly promptCache = new Map<string, DetectorMatch[]>();
  private current: Current = { key: '' };

  constructor(
    private readonly options: ChatDatasetOptions,
    private readonly findings: ChatFindings,
    readonly sequence: ChatSequence,
  ) {
    this.roles = new Set(options.roles ?? CHAT_ROLES);
  }

  record(record: DataRecord): void {
    const example = readExample(record, this.grouper);
    if (example.format === 'none') {
      const key = () => record.cells.map((cell) => `${cell.column}=${cell.value}`).join('\u0000');
      this.sequence.shapeless(record.range, key);
      return;
    }
    this.sequence.example(example.format);
    this.current = { key: exampleKey(example), tokens: this.countTokens(example) };
    const problems =
      example.format === 'chat'
        ? this.checkMessages(record, example.messages)
        : this.checkPromptCompletion(record, example);
    if (this.current.tokens !== undefined) this.checkTokenLimit(record, this.current.tokens);
    const { key, tokens } = this.current;
    this.sequence.checked({ key, tokens, index: record.index, range: record.range, invalid: problems > 0 });
    if (this.options.promptChecks !== false) this.runPromptChecks(example);
    const messages = example.format === 'chat' ? example.messages.length : 2;
    this.options.onExample?.({ index: record.index, range: record.range, messages, tokens: this.current.tokens });
  }

  finish(): ChatDatasetSummary {
    return this.sequence.summary();
  }

  private checkMessages(record: DataRecord, messages: ChatMessage[]): number {
    let problems = 0;
    const problem = (range: Range, message: string, subject: string) => {
      problems++;
      this.formatFinding(range, message, subject);
    };
    if (messages.length === 0) problem(record.range, 'Example has no messages', 'no-messages');
    messages.forEach((message, i) => {
      const role = message.role?.value;
      const at = message.firstCell;
      if (role === undefined)
        problem(cellValueRange(at, 0, at.value.length), `Message ${i + 1} has no "role"`, `missing-role:${i}`);
      else if (!this.roles.has(role)) {
        problem(
          cellValueRange(message.role!, 0, role.length),
          `Unknown role "${role}"; expected one of ${[...this.roles].join(', ')}`,
          `unknown-role:${i}`,
        );
      }
      if (!message.content && message.parts.length === 0 && !message.hasToolCalls) {
        problem(cellValueRange(at, 0, at.value.length), `Message ${i + 1} has no "content"`, `missing-content:${i}`);
      } else if (messageText(message).trim().length === 0 && !message.hasToolCalls) {
        const cell = message.content ?? message.parts[0] ?? at;
        problem(cellValueRange(cell, 0, cell.value.length), `Message ${i + 1} has empty content`, `empty-content:${i}`);
      }
    });
    if (messages.length > 0 && !messages.some((message) => message.role?.value === 'assistant')) {
      problem(record.range, 'Example has no assistant message: nothing to learn from', 'no-assistant');
    }
    return problems;
  }

  private checkPromptCompletion(
    record: DataRecord,
    example: Extract<ChatExample, { format: 'prompt-completion' }>,
  ): number {
    let problems = 0;
    for (const [name, cell] of [
      ['prompt', example.prompt],
      ['completion', example.completion],
    ] as const) {
      if (!cell) this.formatFinding(record.range, `Example has no "${name}"`, `missing-${name}`);
      else if (cell.value.trim().length === 0)
        this.formatFinding(cellValueRange(cell, 0, cell.value.length), `"${name}" is empty`, `empty-${name}`);
      else continue;
      problems++;
    }
    return problems;
  }

  private countTokens(example: ChatExample): number | undefined {
    const count = this.options.countTokens;
    if (!count) return undefined;
    if (example.format === 'chat') {
      const messages = example.messages.map((message) => ({
        role: message.role?.value ?? '',
        content: messageText(message),
        name: message.name?.value,
      }));
      return countChatTokens(messages, count);
    }
    if (example.format === 'prompt-completion')
      return count(example.prompt?.value ?? '') + count(example.completion?.value ?? '');
    return undefined;
  }

  private checkTokenLimit(record: DataRecord, tokens: number): void {
    const limit = tokenLimit(this.options);
    if (tokens <= limit) return;
    const tokenizer = this.options.tokenizerName ? ` (${this.options.tokenizerName})` : '';
    const message = `Example has ${tokens.toLocaleString('en-US')} tokens${tokenizer}, over the limit of ${limit.toLocaleString('en-US')}: it will be truncated`;
    this.formatFinding(record.range, message, 'over-token-limit', 'warning', { maxTokens: limit });
  }

  private runPromptChecks(example: ChatExample): void {
    for (const { role, cell } of textCells(example)) {
      for (const match of this.promptRisks(cell.value, role)) this.admitMatch(cell, match);
    }
  }

  private promptRisks(text: string, role: string | undefined): DetectorMatch[] {
    const key = `${role ?? ''}\u0000${text}`;
    let matches = this.promptCache.get(key);
    if (!matches) {
      matches = detectPromptRisks(text, { kind: 'dataset-cell', role, enabled: this.options.isEnabled });
      // Bounded: drop everything when full; repeated system prompts come back on the next example.
      if (this.promptCache.size >= PROMPT_CACHE_SIZE) this.promptCache.clear();
      this.promptCache.set(key, matches);
    }
    return matches;
  }

  private admitMatch(cell: Cell, match: DetectorMatch): void {
    const subject = cell.value.slice(match.start, match.end);
    this.findings.emit(
      match.code,
      cellValueRange(cell, match.start, match.end),
      severityForConfidence(match.confidence),
      match.message,
      subject,
      {
        confidence: match.confidence,
        evidence: match.evidence,
        column: cell.column,
        ...match.data,
      },
    );
  }

  private formatFinding(
    range: Range,
    message: string,
    problem: string,
    severity: Severity = 'error',
    extra: Record<string, unknown> = {},
  ): void {
    this.findings.format(this.current, range, message, problem, severity, extra);
  }
}

function hoverFor(
  code: 'dataset/chat-format' | 'dataset/duplicate-example',
  message: string,
  tokens: number | undefined,
): string {
  const info = promptCodeInfo(code);
  const tokenLine = tokens !== undefined ? `\n\nThis example: ${tokens.toLocaleString('en-US')} tokens.` : '';
  return `**${info.title}**\n\n${escapeMarkdown(message)}.${tokenLine}\n\n${info.description}\n\n[Reference](${info.helpUri})`;
}

/** Message contents with their roles; prompt/completion read as user/assistant. */
function textCells(example: ChatExample): Array<{ role?: string; cell: Cell }> {
  if (example.format === 'chat') {
    return example.messages.flatMap((message) =>
      [message.content, ...message.parts]
        .filter((cell): cell is Cell => cell !== undefined)
        .map((cell) => ({ role: message.role?.value, cell })),
    );
  }
  if (example.format === 'prompt-completion') {
    return [
      ...(example.prompt ? [{ role: 'user', cell: example.prompt }] : []),
      ...(example.completion ? [{ role: 'assistant', cell: example.completion }] : []),
    ];
  }
  return [];
}

/** Identity of an example: roles and contents in order, hashed so memory stays bounded. */
function exampleKey(example: ChatExample): string {
  const parts =
    example.format === 'chat'
      ? example.messages.map((message) => [message.role?.value ?? '', messageText(message), message.name?.value ?? ''])
      : example.format === 'prompt-completion'
        ? [[example.prompt?.value ?? '', example.completion?.value ?? '']]
        : [];
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64');
}
