import path from 'node:path';
import { URI } from 'vscode-uri';
import { findConfigFile, loadConfig, type LoadedConfig } from '../engine/config';
import { CONFIG_FILE_NAME } from '../shared/config';

/**
 * `.rml.json` per directory, loaded from disk once and dropped when any config file changes.
 * The file that applies is the nearest one above the document, exactly as the CLI finds it; without one,
 * the workspace folder is the root that fingerprints and new ignore entries are relative to.
 */
export class WorkspaceConfigs {
  private readonly cache = new Map<string, Promise<LoadedConfig>>();
  private folders: string[] = [];

  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map((uri) => URI.parse(uri).fsPath);
    this.invalidate();
  }

  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  invalidate(): void {
    this.cache.clear();
  }

  forFile(filePath: string): Promise<LoadedConfig> {
    const dir = path.dirname(filePath);
    let loaded = this.cache.get(dir);
    if (!loaded) {
      loaded = this.load(dir);
      this.cache.set(dir, loaded);
    }
    return loaded;
  }

  /** Where the "Ignore" fix writes: the config that applies, or a new one at the workspace folder's root. */
  async configPathFor(filePath: string): Promise<string> {
    const existing = await findConfigFile(path.dirname(filePath));
    return existing ?? path.join(this.folderOf(filePath) ?? path.dirname(filePath), CONFIG_FILE_NAME);
  }

  folderOf(filePath: string): string | undefined {
    return this.folders
      .filter((folder) => !path.relative(folder, filePath).startsWith('..'))
      .sort((a, b) => b.length - a.length)[0];
  }

  private async load(dir: string): Promise<LoadedConfig> {
    const loaded = await loadConfig({ startDir: dir });
    if (loaded.path) return loaded;
    return { ...loaded, root: this.folderOf(path.join(dir, 'x')) ?? dir };
  }
}
