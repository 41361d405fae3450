import path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { checkConfigText, loadConfig, type LoadedConfig } from '../engine/config/load';
import type { Finding } from '../shared/findings';
import type { PublishedFindings } from './diagnostics';

/** Shows what is wrong with a `.rml.json` in that file, as the CLI would report it (exit 2, or a finding on a value). */
export async function publishConfigProblems(uri: string, documents: TextDocuments<TextDocument>, published: PublishedFindings): Promise<void> {
  const filePath = URI.parse(uri).fsPath;
  const text = documents.get(uri)?.getText();
  let loaded: LoadedConfig;
  try {
    // From disk through the engine's reader: a regular file of bounded size only.
    loaded = text === undefined ? await loadConfig({ explicitPath: filePath, startDir: path.dirname(filePath) }) : await checkConfigText(text, filePath);
  } catch {
    return published.clear(uri);
  }
  const findings: Finding[] = loaded.problems.map((problem) => ({
    file: uri,
    range: problem.range,
    code: 'config/invalid',
    severity: 'error',
    message: problem.message.replace(`${filePath}: `, ''),
  }));
  published.publish(uri, findings, 100);
}
