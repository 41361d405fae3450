import * as vscode from 'vscode';
import { createNonce, shellHtml } from './webviewHtml';

/**
 * Options and HTML for every webview panel of the extension: scripts on, resources only from the bundled
 * views and `media/`, the page from the one shell in `webviewHtml.ts`. Panels never write HTML themselves.
 */

/** The folders a webview may load from: the bundled views and the extension's media. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: webviewResourceRoots(extensionUri) };
}

/** The panel options for `createWebviewPanel`; the view restores itself with `getState`, so no retained context. */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { ...webviewOptions(extensionUri), enableFindWidget: true, retainContextWhenHidden: false };
}

/** The page of the view bundled as `dist/webviews/<view>.js` (+ `.css`), with a fresh nonce. */
export function renderWebview(webview: vscode.Webview, extensionUri: vscode.Uri, view: string, title: string): string {
  const asset = (file: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', file)).toString();
  return shellHtml({
    title,
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: asset(`${view}.js`),
    styleUri: asset(`${view}.css`),
  });
}
