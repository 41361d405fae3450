import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { editsForReplacements, type ValueReplacement, anonymized, type AnonymizeKind } from '../engine/fixes';
import { describeCode } from '../engine/codes';
import type { DatasetFormat } from '../engine/parse';
import type { Finding, FindingData } from '../shared/findings';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { PublishedFindings } from './diagnostics';
import type { WorkspaceConfigs } from './workspaceConfig';
import { ignoreAction } from './configActions';
import { datasetActions } from './datasetActions';

export interface CodeActionDeps {
  documents: TextDocuments<TextDocument>;
  published: PublishedFindings;
  configs: WorkspaceConfigs;
  formatOf(document: TextDocument): Promise<DatasetFormat | undefined>;
}

const ANONYMIZE_TITLES: Record<AnonymizeKind, string> = {
  redact: 'Redact',
  mask: 'Mask, keeping the last 4 characters',
  hash: 'Replace with salted hash',
};
const BULK_VERBS: Record<AnonymizeKind, string> = { redact: 'Redact', mask: 'Mask', hash: 'Hash' };

/** Quick fixes for our diagnostics: anonymise one / all of a kind / everything, prompt fixes, ignore. */
export async function codeActions(params: CodeActionParams, deps: CodeActionDeps): Promise<CodeAction[]> {
  const document = deps.documents.get(params.textDocument.uri);
  if (!document) return [];
  const ours = params.context.diagnostics.filter(
    (diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.data,
  );
  if (ours.length === 0) return [];
  const format = await deps.formatOf(document);
  const filePath = URI.parse(document.uri).fsPath;
  const loaded = await deps.configs.forFile(filePath);
  const context: FixContext = { document, format, salt: loaded.config.salt, all: deps.published.get(document.uri) };
  const actions: CodeAction[] = [];
  for (const diagnostic of ours) {
    const finding = toFinding(document.uri, diagnostic);
    if (format) actions.push(...valueFixes(finding, diagnostic, context));
    actions.push(...(await datasetActions(finding, diagnostic, { ...deps, document, format })));
    actions.push(await ignoreAction(finding, diagnostic, deps, filePath));
  }
  return mergeSameActions(actions);
}

/**
 * The cursor can touch several findings that offer the same fix (two disparities on one header both offer the
 * dataset's reweighing; every e-mail offers "Redact all"): one action each, fixing all the diagnostics it names.
 */
export function mergeSameActions(actions: CodeAction[]): CodeAction[] {
  const byAction = new Map<string, CodeAction>();
  for (const action of actions) {
    const key = JSON.stringify([action.title, action.edit ?? null, action.disabled ?? null]);
    const seen = byAction.get(key);
    if (!seen) byAction.set(key, { ...action, diagnostics: [...(action.diagnostics ?? [])] });
    else
      seen.diagnostics!.push(
        ...(action.diagnostics ?? []).filter((diagnostic) => !seen.diagnostics!.includes(diagnostic)),
      );
  }
  return [...byAction.values()];
}

interface FixContext {
  document: TextDocument;
  format: DatasetFormat | undefined;
  salt: string | undefined;
  /** Every finding published for the document: the "all in file" fixes apply to them. */
  all: readonly Finding[];
}

function valueFixes(finding: Finding, diagnostic: Diagnostic, context: FixContext): CodeAction[] {
  const fixes = finding.data?.fixes ?? [];
  const actions: CodeAction[] = [];
  for (const kind of ['redact', 'mask', 'hash'] as const) {
    if (!fixes.includes(kind)) continue;
    actions.push(...anonymizeActions(kind, finding, diagnostic, context));
  }
  if (fixes.includes('strip-invisible')) {
    const hidden =
      typeof finding.data?.['decoded'] === 'string' ? ` (it said: "${String(finding.data['decoded'])}")` : '';
    actions.push(
      replacementAction(
        `Strip invisible characters${hidden}`,
        [finding],
        () => stripInvisible(matchedText(context, finding)),
        diagnostic,
        context,
        true,
      ),
    );
  }
  for (const label of fixes.includes('change-label') ? (finding.data?.suggestions ?? []) : []) {
    actions.push(replacementAction(`Change label to '${label}'`, [finding], () => label, diagnostic, context, true));
  }
  for (const suggestion of fixes.includes('replace') || fixes.includes('wrap-variable')
    ? (finding.data?.suggestions ?? [])
    : []) {
    actions.push(
      replacementAction(`Replace with '${suggestion}'`, [finding], () => suggestion, diagnostic, context, true),
    );
  }
  return actions;
}

function anonymizeActions(
  kind: AnonymizeKind,
  finding: Finding,
  diagnostic: Diagnostic,
  context: FixContext,
): CodeAction[] {
  if (kind === 'hash' && !context.salt) {
    return [
      {
        title: ANONYMIZE_TITLES.hash,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        disabled: { reason: 'Set "salt" in .rml.json first' },
      },
    ];
  }
  const replace = (target: Finding) => anonymized(kind, target, matchedText(context, target), context.salt);
  const title = kind === 'redact' ? `Redact as ${finding.data?.placeholder ?? '<REDACTED>'}` : ANONYMIZE_TITLES[kind];
  const sameCode = context.all.filter((other) => other.code === finding.code && other.data?.fixes?.includes(kind));
  const everything = context.all.filter((other) => other.data?.fixes?.includes(kind));
  const codeTitle = describeCode(finding.code).title;
  const actions = [replacementAction(title, [finding], replace, diagnostic, context, true)];
  const verb = BULK_VERBS[kind];
  if (sameCode.length > 1)
    actions.push(
      replacementAction(
        `${verb} all ${sameCode.length} ${codeTitle} findings in this file`,
        sameCode,
        replace,
        diagnostic,
        context,
      ),
    );
  if (everything.length > sameCode.length)
    actions.push(
      replacementAction(
        `${verb} all ${everything.length} PII and secret findings in this file`,
        everything,
        replace,
        diagnostic,
        context,
      ),
    );
  return actions;
}

function replacementAction(
  title: string,
  targets: readonly Finding[],
  replacementFor: (finding: Finding) => string,
  diagnostic: Diagnostic,
  context: FixContext,
  preferred = false,
): CodeAction {
  const replacements: ValueReplacement[] = targets.map((target) => ({
    range: target.range,
    value: replacementFor(target),
  }));
  const edits = editsForReplacements(context.document.getText(), context.format ?? 'text', replacements);
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred && targets.length === 1,
    edit: {
      documentChanges: [{ textDocument: { uri: context.document.uri, version: context.document.version }, edits }],
    },
  };
}

function toFinding(uri: string, diagnostic: Diagnostic): Finding {
  return {
    file: uri,
    range: diagnostic.range,
    code: String(diagnostic.code),
    severity: 'warning',
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    data: diagnostic.data as FindingData,
  };
}

function matchedText(context: FixContext, finding: Finding): string {
  return context.document.getText(finding.range);
}

/** Removes format, private-use and unassigned characters (zero-width, bidi controls, tag characters). */
export function stripInvisible(text: string): string {
  return text.replace(/[\p{Cf}\p{Co}\p{Cn}]/gu, '');
}
