/** Counts the tokens of one text with a BPE encoding. */
export type TokenCounter = (text: string) => number;

export type TokenizerEncoding = 'cl100k_base' | 'o200k_base';

/**
 * A counter of one of gpt-tokenizer's encodings that loads it on the first text it counts: their ranks ship inside
 * the package (about 1.2 MB for cl100k_base and 2.4 MB for o200k_base in a bundle) and take 0.14 s to load, which a
 * JSONL file that holds no chat examples (an instruction dataset), or a scan worker given none, never spends.
 */
export function tokenCounter(encoding: TokenizerEncoding = 'o200k_base'): TokenCounter {
  let count: TokenCounter | undefined;
  return (text) => (count ??= loadedCounter(encoding))(text);
}

/** The counter of `encoding`, loaded now. */
export async function loadTokenCounter(encoding: TokenizerEncoding = 'o200k_base'): Promise<TokenCounter> {
  return loadedCounter(encoding);
}

/** Special tokens such as `<|im_start|>` inside training text are counted as ordinary text rather than rejected. */
function loadedCounter(encoding: TokenizerEncoding): TokenCounter {
  // A synchronous require (a lazy module init once bundled): the first count loads the encoding.
  const tokenizer = (
    encoding === 'cl100k_base'
      ? require('gpt-tokenizer/encoding/cl100k_base')
      : require('gpt-tokenizer/encoding/o200k_base')
  ) as typeof import('gpt-tokenizer/encoding/o200k_base');
  const asText = { disallowedSpecial: new Set<string>() };
  // Roles and other short strings repeat on every message: remember them.
  const short = new Map<string, number>();
  return (text) => {
    if (text.length > 24) return tokenizer.countTokens(text, asText);
    let tokens = short.get(text);
    if (tokens === undefined) {
      tokens = tokenizer.countTokens(text, asText);
      if (short.size < 4096) short.set(text, tokens);
    }
    return tokens;
  };
}

export interface CountedMessage {
  role: string;
  content: string;
  name?: string;
}

/**
 * Tokens of a chat example as OpenAI counts them for fine-tuning (cookbook "chat_finetuning_data_prep",
 * `num_tokens_from_messages`): 3 per message, then every value of the message (role, content, name), 1 more
 * when there is a name, and 3 that prime the reply.
 */
export function countChatTokens(messages: readonly CountedMessage[], count: TokenCounter): number {
  let total = 3;
  for (const message of messages) {
    total += 3 + count(message.role) + count(message.content);
    if (message.name) total += 1 + count(message.name);
  }
  return total;
}
