/** The text folder's front door: what other folders use of it. */
export {
  encodeTexts,
  hashedTokenIds,
  paddedBatch,
  type RaggedIds,
  type TextFeatureOptions,
  textTokens,
  tokenId,
  words,
} from './hashedText';
