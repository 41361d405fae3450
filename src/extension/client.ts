import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { PROMPT_LANGUAGE_ID } from '../shared/languages';
import type { InitializationOptions } from '../shared/protocol';
import { nativeModuleDir } from './enableGpu';

/** The documents the server analyses; prose files are included so prompt globs can apply to them. */
export const DOCUMENT_SELECTOR = ['csv', 'tsv', 'jsonl', 'json', PROMPT_LANGUAGE_ID, 'markdown', 'plaintext'].flatMap(
  (language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ],
);

/** Spawns `dist/server.js` over IPC; the debug variant waits for an inspector (vscode-eslint's pattern). */
function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath('dist/server.js');
  const env = { ...process.env, RML_VERSION: String(context.extension.packageJSON.version) };
  return {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
  };
}

/**
 * Restarts the server after a crash (as the default handler does: up to 4 times in 3 minutes) but says so,
 * in the output channel and once to the user, instead of restarting silently.
 */
function crashReportingHandler(output: vscode.LogOutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: (error, _message, count) => {
      output.error(`Connection to the server failed (${count ?? 1}): ${error.message}`);
      return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0]! > 3 * 60_000) crashes.shift();
      if (crashes.length > 4) {
        const message =
          'The Responsible ML server crashed 5 times in 3 minutes and will not be restarted. See "Responsible ML: Show Output".';
        output.error(message);
        void vscode.window.showErrorMessage(message);
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      const message = `The Responsible ML server stopped unexpectedly; restarting it (${crashes.length} of 5).`;
      output.warn(message);
      void vscode.window.showWarningMessage(message);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: crashReportingHandler(output),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.rml.json') },
    diagnosticCollectionName: 'responsible-ml',
    // Hovers quote datasets and prompts: never trusted Markdown (no command links), no HTML.
    markdown: { isTrusted: false, supportHtml: false },
    initializationOptions: {
      nativeModuleDir: nativeModuleDir(context),
      workspaceTrusted: vscode.workspace.isTrusted,
    } satisfies InitializationOptions,
  };
  return new LanguageClient('responsibleML', 'Responsible ML', serverOptions(context), clientOptions);
}
