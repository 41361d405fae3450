import type { CodeAction, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { sha256Text, recordFixInLedger } from '../../engine/accountability';

/** The server command a quick fix carries: VS Code runs it once the fix's edit is applied, and it records the fix. */
export const RECORD_FIX_COMMAND = 'responsibleML.server.recordFix';

interface RecordFixArguments {
  uri: string;
  title: string;
  code: string;
  fingerprint?: string;
  before: string;
}

/** Gives every quick fix with an edit the command that records it in the ledger after it is applied. */
export function withFixRecording(actions: CodeAction[], document: TextDocument): CodeAction[] {
  const before = sha256Text(document.getText());
  return actions.map((action) => {
    if (!action.edit || action.command || action.disabled) return action;
    const diagnostic = action.diagnostics?.[0];
    const fingerprint = (diagnostic?.data as { fingerprint?: string } | undefined)?.fingerprint;
    const argument: RecordFixArguments = {
      uri: document.uri,
      title: action.title,
      code: String(diagnostic?.code ?? 'unknown'),
      before,
      ...(fingerprint ? { fingerprint } : {}),
    };
    return {
      ...action,
      command: { title: 'Record the fix in the ledger', command: RECORD_FIX_COMMAND, arguments: [argument] },
    };
  });
}

/** Handles the command: the document (already edited) is hashed again and the entry appended. */
export function registerFixRecording(connection: Connection, documents: TextDocuments<TextDocument>): void {
  connection.onExecuteCommand(async (params) => {
    if (params.command !== RECORD_FIX_COMMAND) return;
    const argument = params.arguments?.[0] as RecordFixArguments | undefined;
    if (!argument) return;
    const parsed = URI.parse(argument.uri);
    if (parsed.scheme !== 'file') return;
    const text = documents.get(argument.uri)?.getText();
    await recordFixInLedger(
      {
        file: parsed.fsPath,
        title: argument.title,
        code: argument.code,
        before: argument.before,
        ...(text !== undefined ? { after: sha256Text(text) } : {}),
        ...(argument.fingerprint ? { fingerprint: argument.fingerprint } : {}),
      },
      (line) => connection.console.warn(line),
    );
  });
}
