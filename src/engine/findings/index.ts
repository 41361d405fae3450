/** The findings folder's front door: what other folders use of it. */
export { FINDING_CODES_DOCS, withDocs } from './codeDocs';
export { fingerprint, relativeToRoot } from './fingerprint';
export { cutLine, joinLine, jsonLine, textLine, type CutLine, type LineFormat, type WrittenLine } from './reportLine';
export { joinedEntry } from './jsonEntry';
export { cutSarifTail, sarifResult } from './sarifEntry';
