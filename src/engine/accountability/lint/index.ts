/** Card lint: required sections, placeholders, and figures and hashes that no longer match the evidence. */
export { cardKindOf, mayBeCard, type CardKind } from './cardKind';
export { lintCard, type CardLintOptions } from './cardLint';
export { cardLintAnalyzer } from './analyzer';
export { CARD_CODES } from './codes';
export { outlineOf, normalizeTitle, type Heading, type Outline } from './outline';
export { findSection, requiredSections, requiredSectionById, type RequiredSection } from './requiredSections';
export type { CardFinding } from './findings';
