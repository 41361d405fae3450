import { randomBytes } from 'node:crypto';

/**
 * The one HTML page every webview panel uses, as a pure function (no `vscode` import) so the webview render
 * test loads exactly the page VS Code shows. `webviewShell.ts` fills it in from a real `vscode.Webview`.
 */

/** 128 random bits, base64: a fresh one for every page load, so injected markup can never run. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Nothing remote, nothing inline without the page's nonce; assets only from the webview's own origin. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export interface ShellPage {
  title: string;
  /** The webview's `cspSource` (its resource origin). */
  cspSource: string;
  nonce: string;
  /** Webview URIs of the bundle (`dist/webviews/<name>.js`) and its stylesheet. */
  scriptUri: string;
  styleUri: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

export function shellHtml(page: ShellPage): string {
  const nonce = escapeHtml(page.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(page.styleUri)}">
</head>
<body>
<main id="root"><p class="loading">Loading…</p></main>
<noscript>This view needs scripts, which VS Code enables for it.</noscript>
<script nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>
`;
}
