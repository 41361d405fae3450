// Which prompt checks a scan has switched on. Kept apart from the checks themselves so that a scan with every
// prompt check off can tell without loading (or running) any of them.

/** The codes `detectPromptRisks` reports. */
export const PROMPT_RISK_CODES = [
  'prompt/injection',
  'prompt/jailbreak',
  'prompt/invisible-unicode',
  'prompt/confusable',
  'prompt/system-prompt-leak',
  'prompt/exfiltration',
  'prompt/excessive-agency',
  'prompt/unsafe-template',
] as const;

/** Whether any prompt check is on (`{ "prompt": false, "prompt/injection": true }` keeps one on). */
export function anyPromptCheckEnabled(enabled: (code: string) => boolean): boolean {
  return PROMPT_RISK_CODES.some((code) => enabled(code));
}
