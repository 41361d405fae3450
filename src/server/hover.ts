import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { describeCode } from '../engine/codes';
import type { Finding, Position } from '../shared/findings';
import type { PublishedFindings } from './diagnostics';

/**
 * Hovers add what a diagnostic's one-line message cannot hold: the per-group table of a disparity, the
 * text hidden in invisible characters, token counts, and the explanation with its reference link.
 */
export function hover(params: HoverParams, published: PublishedFindings): Hover | null {
  const here = published.get(params.textDocument.uri).filter((finding) => finding.data?.hover && contains(finding, params.position));
  if (here.length === 0) return null;
  const sections = here.map((finding) => {
    const info = describeCode(finding.code);
    const link = finding.data?.helpUri ?? info.helpUri;
    const owasp = finding.data?.owasp ?? info.owasp;
    const heading = `**${info.title}** \`${finding.code}\`${owasp ? ` (OWASP ${owasp})` : ''}`;
    return [heading, String(finding.data!.hover), link ? `[Learn more](${link})` : ''].filter(Boolean).join('\n\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}

function contains(finding: Finding, position: Position): boolean {
  const { start, end } = finding.range;
  const afterStart = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const beforeEnd = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return afterStart && beforeEnd;
}
