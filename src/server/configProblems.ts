import { promises as fs } from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { parseConfigText } from '../engine/config/load';
import type { Finding } from '../shared/findings';
import type { PublishedFindings } from './diagnostics';

/** Shows what is wrong with a `.rml.json` in that file, as the CLI would report it (exit 2). */
export async function publishConfigProblems(uri: string, documents: TextDocuments<TextDocument>, published: PublishedFindings): Promise<void> {
  const filePath = URI.parse(uri).fsPath;
  let text = documents.get(uri)?.getText();
  if (text === undefined) {
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch {
      return published.clear(uri);
    }
  }
  const findings: Finding[] = parseConfigText(text, filePath).problems.map((problem) => ({
    file: uri,
    range: problem.range,
    code: 'config/invalid',
    severity: 'error',
    message: problem.message.replace(`${filePath}: `, ''),
  }));
  published.publish(uri, findings, 100);
}
