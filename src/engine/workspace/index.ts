/** The workspace folder's front door: what other folders use of it. */
export { type FileKind, kindOf, kindOfFile, promptMatcher } from './fileKinds';
export { findScannableFiles, type ScannableFile } from './walk';
