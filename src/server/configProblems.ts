import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { configValueProblems, type ConfiguredValueIssue } from '../engine/bias';
import { checkConfigText, loadConfig, type LoadedConfig } from '../engine/config';
import { relativeToRoot } from '../engine/findings';
import { CONFIG_FILE_NAME } from '../shared/config';
import type { Finding } from '../shared/findings';
import type { PublishedFindings } from './diagnostics';
import type { WorkspaceConfigs } from './workspaceConfig';

/** What one dataset's audit said about values its `.rml.json` configures (favourable label, privileged groups). */
interface DatasetValueIssues {
  datasetPath: string;
  issues: ConfiguredValueIssue[];
}

/**
 * The diagnostics of `.rml.json` files: what is wrong with the file (as the CLI would report it: exit 2, or a
 * finding on a value), and, on the value itself, each configured value a dataset does not have (`"favorable":
 * "yes"` when the data says `Yes`) — the same warning the dataset's header shows.
 */
export class ConfigDiagnostics {
  private readonly datasetIssues = new Map<string, Map<string, DatasetValueIssues>>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly published: PublishedFindings,
    private readonly configs: WorkspaceConfigs,
  ) {}

  /** A dataset's findings were published: remember its configured-value issues and show them on its config. */
  async datasetPublished(datasetUri: string, findings: readonly Finding[]): Promise<void> {
    if (datasetUri.endsWith(CONFIG_FILE_NAME) || URI.parse(datasetUri).scheme !== 'file') return;
    const datasetPath = URI.parse(datasetUri).fsPath;
    const issues = findings.flatMap((finding) =>
      finding.data?.['configuredValue'] ? [finding.data['configuredValue'] as ConfiguredValueIssue] : [],
    );
    const configPath = (await this.configs.forFile(datasetPath)).path;
    const configUri = configPath && URI.file(configPath).toString();
    const before = configUri ? (this.datasetIssues.get(configUri)?.get(datasetUri)?.issues ?? []) : undefined;
    if (before !== undefined && JSON.stringify(before) === JSON.stringify(issues)) return; // nothing new to show (most edits)
    for (const [otherUri, byDataset] of this.datasetIssues) {
      if (byDataset.delete(datasetUri) && otherUri !== configUri) await this.refresh(otherUri);
    }
    if (!configUri) return;
    if (issues.length > 0) this.issuesOf(configUri).set(datasetUri, { datasetPath, issues });
    await this.refresh(configUri);
  }

  /** (Re)publishes a config file's diagnostics from its current text: its problems and the datasets' value issues. */
  async refresh(configUri: string): Promise<void> {
    const filePath = URI.parse(configUri).fsPath;
    const text = this.documents.get(configUri)?.getText();
    let loaded: LoadedConfig;
    let configText: string;
    try {
      // From disk through the engine's reader: a regular file of bounded size only.
      loaded =
        text === undefined
          ? await loadConfig({ explicitPath: filePath, startDir: path.dirname(filePath) })
          : await checkConfigText(text, filePath);
      configText = text ?? (await readFile(filePath, 'utf8'));
    } catch {
      return this.published.clear(configUri);
    }
    const findings: Finding[] = loaded.problems.map((problem) => ({
      file: configUri,
      range: problem.range,
      code: 'config/invalid',
      severity: 'error',
      message: problem.message.replace(`${filePath}: `, ''),
    }));
    for (const { datasetPath, issues } of this.issuesOf(configUri).values()) {
      const relativePath = relativeToRoot(loaded.root, datasetPath);
      for (const problem of configValueProblems(
        configText,
        loaded.config.dataset,
        relativePath,
        issues,
        relativePath,
      )) {
        findings.push({
          file: configUri,
          range: problem.range,
          code: 'bias/configured-value',
          severity: problem.severity,
          message: problem.message,
        });
      }
    }
    this.published.publish(configUri, findings, 100);
  }

  private issuesOf(configUri: string): Map<string, DatasetValueIssues> {
    let byDataset = this.datasetIssues.get(configUri);
    if (!byDataset) this.datasetIssues.set(configUri, (byDataset = new Map()));
    return byDataset;
  }
}
