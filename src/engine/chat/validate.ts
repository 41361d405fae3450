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
}

/** A file whose first records are neither chat nor prompt/completion is another kind of JSONL: stay quiet. */
const SHAPELESS_BEFORE_GIVING_UP = 20;
const PROMPT_CACHE_SIZE = 10_000;

/**
 * A streaming check of a chat fine-tuning dataset, one JSONL record at a time: `dataset/chat-format` (role missing
 * or unknown, empty content, no assistant turn, over the token limit), `dataset/duplicate-example` (with a related
 * location at the first occurrence) and the prompt checks on each message as its role. Memory: one 20-byte hash
 * per distinct example.
 */
export function validateChatDataset(options: ChatDatasetOptions): ChatDatasetValidator {
  return new ChatDatasetCheck(options);
}

class ChatDatasetCheck implements ChatDatasetValidator {
  private format: ChatDatasetSummary['format'] | undefined;
  private readonly grouper = new MessageGrouper();
  private readonly firstSeen = new Map<string, { index: number; range: Range }>();
  private readonly pendingShapeless: DataRecord[] = [];
  private readonly roles: Set<string>;
  private examples = 0;
  private invalid = 0;
  private duplicates = 0;
  private tokenTotal = 0;
  private tokenMax = 0;
  private overLimit = 0;
  /** Prompt-check results by role and content: datasets repeat their system prompt in every example. */
  private readonly promptCache = new Map<string, DetectorMatch[]>();
  /** Identity and token count of the example being checked: fingerprints and hovers use them. */
  private current: { key: string; tokens?: number } = { key: '' };

  constructor(private readonly options: ChatDatasetOptions) {
    this.roles = new Set(options.roles ?? CHAT_ROLES);
  }

  record(record: DataRecord): void {
    const example = readExample(record, this.grouper);
    if (example.format === 'none') {
      this.shapeless(record);
      return;
    }
    if (this.format === undefined) {
      this.format = example.format;
      for (const pending of this.pendingShapeless.splice(0)) this.reportShapeless(pending);
    }
    this.examples++;
    this.current = { key: exampleKey(example), tokens: this.countTokens(example) };
    const problems =
      example.format === 'chat'
        ? this.checkMessages(record, example.messages)
        : this.checkPromptCompletion(record, example);
    if (this.current.tokens !== undefined) this.checkTokenLimit(record, this.current.tokens);
    if (problems > 0) this.invalid++;
    this.checkDuplicate(record);
    if (this.options.promptChecks !== false) this.runPromptChecks(example);
    const messages = example.format === 'chat' ? example.messages.length : 2;
    this.options.onExample?.({ index: record.index, range: record.range, messages, tokens: this.current.tokens });
  }

  finish(): ChatDatasetSummary {
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

  private shapeless(record: DataRecord): void {
    if (this.format === 'chat' || this.format === 'prompt-completion') return this.reportShapeless(record);
    if (this.format === 'other') return;
    this.pendingShapeless.push(record);
    if (this.pendingShapeless.length >= SHAPELESS_BEFORE_GIVING_UP) {
      this.format = 'other';
      this.pendingShapeless.length = 0;
    }
  }

  private reportShapeless(record: DataRecord): void {
    this.invalid++;
    this.current = { key: record.cells.map((cell) => `${cell.column}=${cell.value}`).join('\u0000') };
    this.formatFinding(record.range, 'Example has neither "messages" nor "prompt"/"completion"', 'shapeless');
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
    this.tokenTotal += tokens;
    this.tokenMax = Math.max(this.tokenMax, tokens);
    const limit = this.options.maxTokens ?? DEFAULT_MAX_TOKENS;
    if (tokens <= limit) return;
    this.overLimit++;
    const tokenizer = this.options.tokenizerName ? ` (${this.options.tokenizerName})` : '';
    const message = `Example has ${tokens.toLocaleString('en-US')} tokens${tokenizer}, over the limit of ${limit.toLocaleString('en-US')}: it will be truncated`;
    this.formatFinding(record.range, message, 'over-token-limit', 'warning', { maxTokens: limit });
  }

  private checkDuplicate(record: DataRecord): void {
    const { key, tokens } = this.current;
    const first = this.firstSeen.get(key);
    if (!first) {
      this.firstSeen.set(key, { index: record.index, range: record.range });
      return;
    }
    this.duplicates++;
    const message = `Duplicate of example ${first.index + 1}`;
    const related: RelatedLocation[] = [
      { file: this.options.file, range: first.range, message: `first occurrence (example ${first.index + 1})` },
    ];
    this.emit('dataset/duplicate-example', record.range, 'warning', message, key, {
      related,
      evidence: ['identical roles and contents'],
      hover: hoverFor('dataset/duplicate-example', message, tokens),
      ...(tokens !== undefined ? { tokens } : {}),
    });
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
    this.emit(
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
    const tokens = this.current.tokens;
    this.emit('dataset/chat-format', range, severity, message, `${problem}:${this.current.key}`, {
      evidence: [message],
      ...(tokens !== undefined ? { tokens } : {}),
      ...extra,
      hover: hoverFor('dataset/chat-format', message, tokens),
    });
  }

  private emit(
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
