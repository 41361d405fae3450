import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RmlStatusBar } from './statusBar';

/** What commands and panels need once the extension is up: the client exists and has started. */
export interface RmlContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  statusBar: RmlStatusBar;
}
