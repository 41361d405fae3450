/** The text folder's front door: what other folders use of it. */
export {
  bucketOf,
  encodeTexts,
  FNV1A_OFFSET,
  fnv1aUpdate,
  hashedTokenIds,
  paddedBatch,
  type RaggedIds,
  type TextFeatureOptions,
  textTokens,
  tokenId,
  words,
} from './hashedText';
