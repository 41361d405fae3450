import path from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { reweighingEdit } from '../engine/bias';
import type { DatasetFormat } from '../engine/parse';
import { relativeToRoot } from '../engine/findings';
import { auditText } from '../engine/scan';
import { columnEdits, saltedHash } from '../engine/fixes';
import type { Finding, TextEdit } from '../shared/findings';
import { markSensitiveAction, setLabelAction, type ConfigActionDeps } from './configActions';

export interface DatasetActionDeps extends ConfigActionDeps {
  document: TextDocument;
  format: DatasetFormat | undefined;
}

/** Fixes of the dataset audit: mark a suggested column sensitive; name the label; reweigh (Kamiran & Calders) in place or into a copy. */
export async function datasetActions(
  finding: Finding,
  diagnostic: Diagnostic,
  deps: DatasetActionDeps,
): Promise<CodeAction[]> {
  const fixes = finding.data?.fixes ?? [];
  const filePath = URI.parse(deps.document.uri).fsPath;
  const actions: CodeAction[] = [];
  const column = finding.data?.column;
  if (fixes.includes('mark-sensitive') && column) {
    const action = await markSensitiveAction(column, diagnostic, deps, filePath);
    if (action) actions.push(action);
  }
  if (fixes.includes('set-label')) {
    const candidates = Array.isArray(finding.data?.candidates) ? (finding.data.candidates as string[]) : [];
    for (const candidate of candidates) {
      const action = await setLabelAction(candidate, diagnostic, deps, filePath);
      if (action) actions.push(action);
    }
  }
  if (fixes.includes('reweigh') && (deps.format === 'csv' || deps.format === 'tsv'))
    actions.push(...(await reweighActions(diagnostic, deps, filePath, deps.format)));
  if (fixes.includes('redact-column') && column && deps.format)
    actions.push(await redactColumnAction(finding, column, diagnostic, deps, deps.format));
  if (fixes.includes('hash-column') && column && deps.format)
    actions.push(await hashColumnAction(column, diagnostic, deps, filePath, deps.format));
  return actions;
}

/** Every value of a column that identifies people, replaced by its placeholder: one undoable edit of the document. */
async function redactColumnAction(
  finding: Finding,
  column: string,
  diagnostic: Diagnostic,
  deps: DatasetActionDeps,
  format: DatasetFormat,
): Promise<CodeAction> {
  const placeholder = finding.data?.placeholder ?? '<REDACTED>';
  const edits = columnEdits(deps.document.getText(), format, column, () => placeholder);
  return columnAction(
    `Replace every value of '${column}' with ${placeholder} (${cellCount(edits)})`,
    edits,
    diagnostic,
    deps,
  );
}

/**
 * Every value of the column replaced by its salted SHA-256 (Presidio's hash operator): a pseudonym, so rows of one
 * person still join, but the name is gone. Offered disabled until `.rml.json` has a salt, as the value fixes are.
 */
async function hashColumnAction(
  column: string,
  diagnostic: Diagnostic,
  deps: DatasetActionDeps,
  filePath: string,
  format: DatasetFormat,
): Promise<CodeAction> {
  const title = `Pseudonymise every value of '${column}' with a salted hash`;
  const salt = (await deps.configs.forFile(filePath)).config.salt;
  if (!salt)
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      disabled: { reason: 'Set "salt" in .rml.json first' },
    };
  const edits = columnEdits(deps.document.getText(), format, column, (value) => saltedHash(value.trim(), salt));
  return columnAction(`${title} (${cellCount(edits)})`, edits, diagnostic, deps);
}

function columnAction(title: string, edits: TextEdit[], diagnostic: Diagnostic, deps: DatasetActionDeps): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { documentChanges: [{ textDocument: { uri: deps.document.uri, version: deps.document.version }, edits }] },
  };
}

const cellCount = (edits: readonly TextEdit[]) => `${edits.length} ${edits.length === 1 ? 'cell' : 'cells'}`;

async function reweighActions(
  diagnostic: Diagnostic,
  deps: DatasetActionDeps,
  filePath: string,
  format: 'csv' | 'tsv',
): Promise<CodeAction[]> {
  const { config, root } = await deps.configs.forFile(filePath);
  const text = deps.document.getText();
  const result = auditText(text, format, config, deps.document.uri, relativeToRoot(root, filePath));
  if (!result?.reweighing) return [];
  const { edits } = reweighingEdit(text, result.reweighing, format);
  const groups = result.reweighing.columns.join(' × ');
  const inPlace: CodeAction = {
    title: `Add reweighing weights for ${groups} as a 'weight' column (AIF360 Reweighing)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { documentChanges: [{ textDocument: { uri: deps.document.uri, version: deps.document.version }, edits }] },
  };
  const copyPath = path.join(
    path.dirname(filePath),
    `${path.basename(filePath, path.extname(filePath))}.reweighed${path.extname(filePath)}`,
  );
  const copyUri = URI.file(copyPath).toString();
  const copy: CodeAction = {
    title: `Write a copy reweighed for ${groups} to ${path.basename(copyPath)} (the dataset stays as it is)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      documentChanges: [
        { kind: 'create', uri: copyUri, options: { overwrite: true } },
        {
          textDocument: { uri: copyUri, version: null },
          edits: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              newText: TextDocument.applyEdits(deps.document, edits),
            },
          ],
        },
      ],
    },
  };
  return [inPlace, copy];
}
