import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, shellHtml } from '../../../src/extension/panels/webviewHtml';

describe('webview shell', () => {
  const page = {
    title: 'Run <x>',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123',
    scriptUri: 'https://r/dist/webviews/training.js',
    styleUri: 'https://r/dist/webviews/training.css',
  };

  it('allows nothing remote and nothing inline without the nonce', () => {
    assert.equal(
      contentSecurityPolicy(page.cspSource, 'abc123'),
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-abc123'; script-src 'nonce-abc123'; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
  });

  it('loads the bundle and stylesheet with the nonce, under the policy', () => {
    const html = shellHtml(page);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src https:\/\/file\+\.vscode-resource/,
    );
    assert.match(html, /<script nonce="abc123" src="https:\/\/r\/dist\/webviews\/training\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" nonce="abc123" href="https:\/\/r\/dist\/webviews\/training\.css">/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|http:\/\//);
    assert.match(html, /<title>Run &lt;x&gt;<\/title>/);
  });

  it('makes a fresh 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });
});
