import path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { relativeToRoot } from '../engine/findings';
import { scanFile, type ScanRequest } from '../engine/scan';
import { kindOf, kindOfFile, promptMatcher, type FileKind } from '../engine/workspace';
import type { Finding } from '../shared/findings';
import type { RmlSettings } from '../shared/settings';
import type { WorkspaceConfigs } from './workspaceConfig';

/**
 * Builds scan requests for open documents and files on disk: the config that applies, the path fingerprints are
 * relative to, the file's kind, and the editor settings as overrides.
 */
export class ScanRequests {
  constructor(
    private readonly configs: WorkspaceConfigs,
    private readonly settings: () => Promise<RmlSettings>,
  ) {}

  /** A request for scanning a file from disk, or undefined when the file is not one we scan. */
  async forFile(uri: string, filePath: string, kind?: FileKind): Promise<ScanRequest | undefined> {
    const loaded = await this.configs.forFile(filePath);
    const settings = await this.settings();
    const relativePath = relativeToRoot(loaded.root, filePath);
    const isPromptPath = promptMatcher(loaded.config.prompts?.globs ?? settings.prompts.globs);
    const resolved = kind ?? (await kindOfFile(filePath, relativePath, isPromptPath, false));
    if (!resolved) return undefined;
    return {
      file: uri,
      relativePath,
      path: filePath,
      displayNameOf: fileUri,
      config: loaded.config,
      overrides: settings,
      ...resolved,
    };
  }

  /** A request for an open document (untitled ones sit, for config purposes, at the first workspace folder). */
  async forDocument(document: TextDocument): Promise<(ScanRequest & { kind: FileKind }) | undefined> {
    const settings = await this.settings();
    const parsed = URI.parse(document.uri);
    const filePath =
      parsed.scheme === 'file'
        ? parsed.fsPath
        : path.join(this.configs.workspaceFolders()[0] ?? process.cwd(), parsed.path);
    const loaded = await this.configs.forFile(filePath);
    const relativePath = relativeToRoot(loaded.root, filePath);
    const kind = kindOf({
      fileName: filePath,
      relativePath,
      languageId: document.languageId,
      head: document.getText({ start: { line: 0, character: 0 }, end: { line: 50, character: 0 } }),
      isPromptPath: promptMatcher(loaded.config.prompts?.globs ?? settings.prompts.globs),
    });
    if (!kind) return undefined;
    const onDisk = parsed.scheme === 'file' ? { path: filePath } : {};
    return {
      file: document.uri,
      relativePath,
      ...onDisk,
      displayNameOf: fileUri,
      config: loaded.config,
      overrides: settings,
      ...kind,
      kind,
    };
  }
}

/** Scans a file from disk keeping only the first `limit` findings (a 1 GB file may hold millions). */
export async function scanFileCapped(
  filePath: string,
  request: ScanRequest,
  limit: number,
): Promise<{ kept: Finding[]; total: number }> {
  const kept: Finding[] = [];
  let total = 0;
  await scanFile(filePath, {
    ...request,
    onFinding: (finding) => {
      total++;
      if (kept.length < limit) kept.push(finding);
    },
  });
  return { kept, total };
}

function fileUri(absolutePath: string): string {
  return URI.file(absolutePath).toString();
}
