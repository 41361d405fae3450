import type { FixKind } from '../../shared/findings';
import { escapeMarkdown, markdownCodeBlock } from '../../shared/markdown';
import type { DetectorMatch } from '../detectors';
import { promptCodeInfo, type PromptCode } from './codes';

export interface RiskDetails {
  confidence: number;
  /** What was found, in one sentence without the OWASP id (it is appended). */
  message: string;
  evidence: string[];
  /** Hidden text recovered from an encoding or from tag characters. */
  decoded?: string;
  fixes?: FixKind[];
  suggestions?: string[];
  /** Extra hover lines specific to this match (the general explanation is added). */
  details?: string[];
  /** Anything else the caller may need (rule id, variable name…). */
  extra?: Record<string, unknown>;
}

/**
 * Builds the match every prompt check returns: the OWASP id in the message and in `data.owasp`,
 * the documentation link in `data.helpUri` and a hover that explains the risk in one paragraph.
 */
export function riskMatch(code: PromptCode, start: number, end: number, details: RiskDetails): DetectorMatch {
  const info = promptCodeInfo(code);
  const owaspIds = [...(info.owasp ? [info.owasp] : []), ...(info.relatedOwasp ?? [])];
  const owaspSuffix = owaspIds.length > 0 ? ` (${owaspIds.join(', ')})` : '';
  return {
    code,
    start,
    end,
    confidence: Math.max(0, Math.min(1, details.confidence)),
    message: `${details.message}${owaspSuffix}`,
    evidence: details.evidence,
    data: {
      ...details.extra,
      ...(info.owasp ? { owasp: info.owasp } : {}),
      ...(info.relatedOwasp ? { relatedOwasp: info.relatedOwasp } : {}),
      helpUri: info.helpUri,
      hover: hoverMarkdown(code, details),
      ...(details.decoded !== undefined ? { decoded: details.decoded } : {}),
      ...(details.fixes ? { fixes: details.fixes } : {}),
      ...(details.suggestions ? { suggestions: details.suggestions } : {}),
    },
  };
}

function hoverMarkdown(code: PromptCode, details: RiskDetails): string {
  const info = promptCodeInfo(code);
  const heading = info.owasp ? `**${info.title}** — OWASP ${info.owasp}` : `**${info.title}**`;
  const parts = [heading, info.description];
  if (details.decoded !== undefined) parts.push(`Hidden text, decoded:\n\n${markdownCodeBlock(details.decoded)}`);
  // Details and evidence quote the prompt: literal text, never markup.
  if (details.details && details.details.length > 0) parts.push(details.details.map(escapeMarkdown).join('\n\n'));
  if (details.evidence.length > 0) parts.push(`Evidence: ${details.evidence.map(escapeMarkdown).join('; ')}.`);
  parts.push(`[${info.owasp ? `OWASP ${info.owasp}` : 'Reference'}](${info.helpUri})`);
  return parts.join('\n\n');
}
