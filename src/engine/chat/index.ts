// Chat fine-tuning datasets: format, duplicates and token counts, plus the prompt checks on every message.
export {
  validateChatDataset,
  CHAT_ROLES,
  DEFAULT_MAX_TOKENS,
  type ChatDatasetOptions,
  type ChatDatasetSummary,
  type ChatDatasetValidator,
  type ChatSequence,
  type CheckedExample,
  type ExampleStats,
} from './validate';
export {
  loadTokenCounter,
  tokenCounter,
  countChatTokens,
  type TokenCounter,
  type TokenizerEncoding,
  type CountedMessage,
} from './tokens';
