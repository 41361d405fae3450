/** The fixes folder's front door: what other folders use of it. */
export { editsForReplacements, type ValueReplacement } from './cellEdits';
export { anonymized, type AnonymizeKind, saltedHash } from './replacements';
export { columnEdits } from './columnEdits';
