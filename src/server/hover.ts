import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { describeCode } from '../engine/codes';
import type { Finding, Position } from '../shared/findings';
import { escapeMarkdown } from '../shared/markdown';
import type { PublishedFindings } from './diagnostics';

/**
 * Hovers add what a diagnostic's one-line message cannot hold: the evidence behind every finding, the per-group
 * table of a disparity, the text hidden in invisible characters, token counts, and the reference link. Everything
 * quoted from the data is escaped (the engine's hover Markdown is built escaped).
 */
export function hover(params: HoverParams, published: PublishedFindings): Hover | null {
  const here = published.get(params.textDocument.uri).filter((finding) => contains(finding, params.position));
  if (here.length === 0) return null;
  return { contents: { kind: 'markdown', value: here.map(section).join('\n\n---\n\n') } };
}

function section(finding: Finding): string {
  const info = describeCode(finding.code);
  const link = finding.data?.helpUri ?? info.helpUri;
  const owasp = finding.data?.owasp ?? info.owasp;
  const heading = `**${info.title}** \`${finding.code}\`${owasp ? ` (OWASP ${owasp})` : ''}`;
  // A finding with hover Markdown of its own (a group table, decoded text) already shows its evidence there.
  const own = typeof finding.data?.hover === 'string' ? finding.data.hover : undefined;
  const body = own ?? escapeMarkdown(finding.message);
  const evidence =
    !own && finding.data?.evidence?.length
      ? finding.data.evidence.map((line) => `- ${escapeMarkdown(line)}`).join('\n')
      : '';
  const confidence =
    finding.data?.confidence === undefined ? '' : `Confidence ${Math.round(finding.data.confidence * 100)} %.`;
  return [heading, body, evidence, confidence, link ? `[Learn more](${link})` : ''].filter(Boolean).join('\n\n');
}

function contains(finding: Finding, position: Position): boolean {
  const { start, end } = finding.range;
  const afterStart =
    position.line > start.line || (position.line === start.line && position.character >= start.character);
  const beforeEnd = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return afterStart && beforeEnd;
}
