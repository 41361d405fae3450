/** File reading lives in `parse/readFile.ts` (parse must not import io); this name stays for older importers. */
export {
  parseFile,
  pushFile,
  readDecodedChunks,
  readTextChunks,
  type ParseFileOptions,
  type ReadOptions,
} from '../parse';
