import type { Cell, DataRecord } from '../parse';

/** One chat message as found in a record: its cells, so findings point at them. */
export interface ChatMessage {
  role?: Cell;
  /** A string content. */
  content?: Cell;
  /** Text parts of an array content (`content: [{type: "text", text: …}]`). */
  parts: Cell[];
  /** `content: null` (parsers may emit no cell for it), allowed when the message carries tool calls. */
  nullContent: boolean;
  hasToolCalls: boolean;
  name?: Cell;
  /** The message's first cell, where a message-level finding points. */
  firstCell: Cell;
}

export type ChatExample =
  | { format: 'chat'; messages: ChatMessage[] }
  | { format: 'prompt-completion'; prompt?: Cell; completion?: Cell }
  | { format: 'none' };

const MESSAGE_PREFIX = 'messages[].';

function isNullLiteral(cell: Cell): boolean {
  return cell.encoding === 'json-literal' && cell.value === 'null';
}

/**
 * Cuts the `messages[].*` cells of a record into messages. Key paths carry no array index, so a message starts
 * when its first key (as the file's first message orders them, usually `role`) comes again, or when a key repeats:
 * one missing key per message is still placed right as long as the file orders keys consistently.
 */
export class MessageGrouper {
  private leadingKey: string | undefined;

  group(cells: readonly Cell[]): ChatMessage[] {
    const messages: ChatMessage[] = [];
    let current: ChatMessage | undefined;
    const seen = new Set<string>();
    for (const cell of cells) {
      if (!cell.column.startsWith(MESSAGE_PREFIX)) continue;
      const path = cell.column.slice(MESSAGE_PREFIX.length);
      const key = /^[\w-]+/.exec(path)?.[0] ?? path;
      this.leadingKey ??= key;
      const startsMessage =
        !current ||
        (key === this.leadingKey && seen.size > 0) ||
        ((key === 'role' || path === 'content') && seen.has(key));
      if (startsMessage) {
        current = { parts: [], nullContent: false, hasToolCalls: false, firstCell: cell };
        messages.push(current);
        seen.clear();
      }
      seen.add(key);
      place(current!, key, path, cell);
    }
    return messages;
  }
}

function place(message: ChatMessage, key: string, path: string, cell: Cell): void {
  if (key === 'role') message.role = cell;
  else if (key === 'name') message.name = cell;
  else if (key === 'tool_calls' || key === 'function_call') message.hasToolCalls = true;
  else if (path === 'content') {
    if (isNullLiteral(cell)) message.nullContent = true;
    else message.content = cell;
  } else if (key === 'content' && /(?:^|\.)text$/.test(path)) message.parts.push(cell);
}

/** Which shape the record has: chat messages, prompt/completion, or neither. */
export function readExample(record: DataRecord, grouper: MessageGrouper): ChatExample {
  if (record.cells.some((cell) => cell.column.startsWith(MESSAGE_PREFIX) || cell.column === 'messages')) {
    return { format: 'chat', messages: grouper.group(record.cells) };
  }
  const prompt = record.cells.find((cell) => cell.column === 'prompt');
  const completion = record.cells.find((cell) => cell.column === 'completion');
  if (prompt || completion) return { format: 'prompt-completion', prompt, completion };
  return { format: 'none' };
}

/** The text of a message: its string content, or its text parts joined. */
export function messageText(message: ChatMessage): string {
  return message.content?.value ?? message.parts.map((part) => part.value).join('\n');
}
