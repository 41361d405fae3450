import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { describeCode } from '../engine/codes';
import { withDatasetLabel, withIgnoredFindings, withSensitiveColumn } from '../engine/config';
import { relativeToRoot } from '../engine/findings';
import { LineIndex } from '../engine/parse';
import type { Finding } from '../shared/findings';
import type { WorkspaceConfigs } from './workspaceConfig';

export interface ConfigActionDeps {
  documents: TextDocuments<TextDocument>;
  configs: WorkspaceConfigs;
}

/**
 * An edit of the `.rml.json` that applies to `filePath` (created at the workspace folder's root when missing),
 * as one ordinary, undoable WorkspaceEdit. `change` maps its text to the new text, or undefined for no change.
 */
async function configFileEdit(
  deps: ConfigActionDeps,
  filePath: string,
  change: (text: string) => string | undefined,
): Promise<WorkspaceEdit | undefined> {
  const configPath = await deps.configs.configPathFor(filePath);
  const uri = URI.file(configPath).toString();
  // An open config may hold unsaved edits: build on what the user sees.
  const existing = deps.documents.get(uri)?.getText() ?? (await readIfExists(configPath));
  const newText = change(existing ?? '');
  if (newText === undefined) return undefined;
  const whole = new LineIndex(existing ?? '').rangeOf(0, (existing ?? '').length);
  return {
    documentChanges: [
      ...(existing === undefined ? [{ kind: 'create' as const, uri, options: { ignoreIfExists: true } }] : []),
      { textDocument: { uri, version: null }, edits: [{ range: whole, newText }] },
    ],
  };
}

/** "Ignore": records the fingerprint in `.rml.json`, which the editor and the CLI both honour. */
export async function ignoreAction(
  finding: Finding,
  diagnostic: Diagnostic,
  deps: ConfigActionDeps,
  filePath: string,
): Promise<CodeAction> {
  const loaded = await deps.configs.forFile(filePath);
  const entry = {
    fingerprint: finding.data!.fingerprint,
    code: finding.code,
    file: relativeToRoot(loaded.root, filePath),
  };
  const edit = await configFileEdit(deps, filePath, (text) => withIgnoredFindings(text, [entry]));
  // Several findings of one kind can share a place (a column's disparity and its intersection's, two e-mails in a
  // cell): the column, or else the position, tells their Ignore fixes apart.
  const about = finding.data?.subject ?? finding.data?.column;
  const subject = about
    ? `for '${about}'`
    : `at Ln ${finding.range.start.line + 1}, Col ${finding.range.start.character + 1}`;
  const title = `Ignore this ${describeCode(finding.code).title} finding ${subject} (record it in .rml.json)`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(edit ? { edit } : { disabled: { reason: 'Already ignored' } }),
  };
}

/** "Mark as sensitive column": adds the column to `dataset.sensitive`, after which the audit measures it. */
export async function markSensitiveAction(
  column: string,
  diagnostic: Diagnostic,
  deps: ConfigActionDeps,
  filePath: string,
): Promise<CodeAction | undefined> {
  const edit = await configFileEdit(deps, filePath, (text) => withSensitiveColumn(text, column));
  if (!edit) return undefined;
  return {
    title: `Mark '${column}' as a sensitive column (.rml.json)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit,
  };
}

/** "Use as the label column": names `column` as this dataset's label in `.rml.json` (`dataset.files`). */
export async function setLabelAction(
  column: string,
  diagnostic: Diagnostic,
  deps: ConfigActionDeps,
  filePath: string,
): Promise<CodeAction | undefined> {
  const configDir = path.dirname(await deps.configs.configPathFor(filePath));
  const file = relativeToRoot(configDir, filePath);
  const edit = await configFileEdit(deps, filePath, (text) => withDatasetLabel(text, file, column));
  if (!edit) return undefined;
  return {
    title: `Use '${column}' as the label column of ${path.basename(filePath)} (.rml.json)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit,
  };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
