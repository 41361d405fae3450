// The prompt checks' public surface: what the language server, the CLI and the scan pipeline call.
export { PROMPT_CODES, OWASP_PAGES, promptCodeInfo, type PromptCode, type PromptCodeInfo } from './codes';
export { detectPromptRisks, type PromptContext } from './detect';
export type { PromptKind } from './phraseRules';
export {
  parsePromptFile,
  type ParsedPromptFile,
  type PromptInput,
  type PromptSection,
  type PromptSpan,
  type PromptVariable,
} from './promptFile';
export { scanPromptFile, type PromptFileScan } from './scanPromptFile';
export { decodeTagCharacters } from './invisible';
export {
  findTemplateVariables,
  guessTemplateSyntax,
  type TemplateSyntax,
  type TemplateVariable,
} from './templateVariables';
export { riskMatch } from './match';
export { textWindows } from './windows';
