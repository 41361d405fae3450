import { existsSync } from 'node:fs';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  gatherDatasetEvidence,
  gatherRunEvidence,
  citedEvidence,
  findSection,
  outlineOf,
  requiredSectionById,
  requiredSections,
  type CardKind,
  type RequiredSection,
  insertionPoint,
  sectionSnippet,
  type SnippetEvidence,
} from '../../engine/accountability';
import { auditOptionsFromConfig } from '../../engine/bias';
import type { ScanRequests } from '../scanRequests';
import type { WorkspaceConfigs } from '../workspaceConfig';
import { serverDatasetScanner } from './generate';
import { withFixRecording } from './fixRecording';

export interface CardFixDeps {
  documents: TextDocuments<TextDocument>;
  requests: ScanRequests;
  configs: WorkspaceConfigs;
}

/** What an unresolved insert action or completion carries; the section is rendered only when one is chosen. */
interface InsertSectionData {
  rml: 'insert-section';
  uri: string;
  section: RequiredSection['id'];
  kind: CardKind;
}

async function cardKindOf(document: TextDocument, deps: CardFixDeps): Promise<CardKind | undefined> {
  return (await deps.requests.forDocument(document))?.card;
}

/** "Insert section" for each card/missing-section diagnostic; the edit is computed on resolve (it may audit a dataset). */
export async function cardCodeActions(params: CodeActionParams, deps: CardFixDeps): Promise<CodeAction[]> {
  const document = deps.documents.get(params.textDocument.uri);
  if (!document) return [];
  const missing = params.context.diagnostics.filter((diagnostic) => diagnostic.code === 'card/missing-section');
  if (missing.length === 0) return [];
  const kind = await cardKindOf(document, deps);
  if (!kind) return [];
  return missing.flatMap((diagnostic) => {
    const section = requiredSectionById(String((diagnostic.data as { section?: string } | undefined)?.section ?? ''));
    if (!section) return [];
    const data: InsertSectionData = { rml: 'insert-section', uri: document.uri, section: section.id, kind };
    return [
      {
        title: `Insert "${section.title}", filled from the evidence the card cites`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        data,
      },
    ];
  });
}

export function isInsertSection(data: unknown): data is InsertSectionData {
  return typeof data === 'object' && data !== null && (data as { rml?: unknown }).rml === 'insert-section';
}

export async function resolveCardCodeAction(action: CodeAction, deps: CardFixDeps): Promise<CodeAction> {
  const data = action.data as InsertSectionData;
  const document = deps.documents.get(data.uri);
  if (!document) return action;
  const outline = outlineOf(document.getText());
  const at = insertionPoint(outline, data.section);
  const text = sectionSnippet(data.section, data.kind, await evidenceFor(document, data.kind, deps), at.level);
  const position = { line: at.line, character: 0 };
  const newText =
    at.line >= outline.lines.length ? `${document.getText().endsWith('\n') ? '' : '\n'}${text}` : `${text}\n`;
  const resolved: CodeAction = {
    ...action,
    edit: {
      documentChanges: [
        {
          textDocument: { uri: document.uri, version: document.version },
          edits: [{ range: { start: position, end: position }, newText }],
        },
      ],
    },
  };
  return withFixRecording([resolved], document)[0]!;
}

/** The run (model cards) or dataset (dataset cards) the card's metadata cites, gathered as a generated card would. */
async function evidenceFor(document: TextDocument, kind: CardKind, deps: CardFixDeps): Promise<SnippetEvidence> {
  const parsed = URI.parse(document.uri);
  if (parsed.scheme !== 'file') return undefined;
  const cited = await citedEvidence(document.getText(), parsed.fsPath);
  const scan = serverDatasetScanner(deps.requests);
  if (kind === 'model' && cited.runDir) return { run: await gatherRunEvidence(cited.runDir, { scan }) };
  if (cited.datasetFile && existsSync(cited.datasetFile)) {
    const loaded = await deps.configs.forFile(cited.datasetFile);
    return {
      dataset: await gatherDatasetEvidence(cited.datasetFile, {
        audit: auditOptionsFromConfig(loaded.config.dataset),
        scan,
      }),
    };
  }
  return undefined;
}

/**
 * Completions on a heading line of a card: the required sections it lacks, each with its whole text filled from
 * the evidence (VS Code cannot resolve a completion's text later, so it is computed here; '#' at a line start is rare).
 */
export async function cardCompletions(params: CompletionParams, deps: CardFixDeps): Promise<CompletionItem[]> {
  const document = deps.documents.get(params.textDocument.uri);
  if (!document) return [];
  const line = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  if (!/^#{1,6}\s?$/.test(line)) return [];
  const kind = await cardKindOf(document, deps);
  if (!kind) return [];
  const outline = outlineOf(document.getText());
  const missing = requiredSections(kind).filter((section) => !findSection(outline.headings, section));
  if (missing.length === 0) return [];
  const evidence = await evidenceFor(document, kind, deps);
  const level = Math.max(1, line.trim().length);
  return missing.map((section, index) => ({
    label: section.title,
    kind: CompletionItemKind.Snippet,
    detail: evidence
      ? 'Responsible ML: required section, filled from the evidence the card cites'
      : 'Responsible ML: required section',
    sortText: `0${index}`,
    filterText: `${line}${section.title}`,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: {
      range: { start: { line: params.position.line, character: 0 }, end: params.position },
      newText: sectionSnippet(section.id, kind, evidence, level).trim(),
    },
  }));
}
