import * as vscode from 'vscode';
import { ScanWorkspaceRequest } from '../shared/protocol';
import type { RmlContext } from './context';
import { enableGpuAcceleration } from './enableGpu';
import { isTrainModelOptions, trainModel } from './training/trainModel';

/** `files.exclude` entries switched on, as gitignore-style patterns for the server's walker. */
function filesExcludePatterns(): string[] {
  const excluded = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
  return Object.entries(excluded)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

async function scanWorkspace(ctx: RmlContext): Promise<void> {
  const result = await ctx.client.sendRequest(ScanWorkspaceRequest.type, { excludes: filesExcludePatterns() });
  const extras = [
    result.hints > 0 ? `${result.hints} hints in the editor` : '',
    result.beyondLimit > 0 ? `${result.beyondLimit} more beyond responsibleML.maxDiagnosticsPerFile` : '',
    result.skipped.length > 0 ? `${result.skipped.length} skipped (see output)` : '',
  ].filter(Boolean);
  const summary = `${result.files} files scanned, ${result.findings} findings in the Problems panel${extras.length ? ` (${extras.join('; ')})` : ''}`;
  for (const skipped of result.skipped) ctx.output.warn(`Skipped ${skipped.uri}: ${skipped.reason}`);
  if (result.cancelled) void vscode.window.showInformationMessage(`Responsible ML: scan cancelled after ${summary}.`);
  else
    void vscode.window.showInformationMessage(`Responsible ML: ${summary}.`, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
}

export function registerCommands(ctx: RmlContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('responsibleML.scanWorkspace', () => scanWorkspace(ctx)),
    vscode.commands.registerCommand('responsibleML.showOutput', () => ctx.output.show(true)),
    // Menus pass more than the resource (the editor group, the Explorer selection): only a real options object
    // (from automation) skips the pickers.
    vscode.commands.registerCommand('responsibleML.trainModel', (uri?: unknown, options?: unknown) =>
      trainModel(ctx, uri instanceof vscode.Uri ? uri : undefined, isTrainModelOptions(options) ? options : undefined),
    ),
    vscode.commands.registerCommand('responsibleML.enableGpu', () => enableGpuAcceleration(ctx)),
    vscode.commands.registerCommand('responsibleML.restartServer', async () => {
      ctx.output.info('Restarting the server (command)');
      await ctx.client.restart();
    }),
  ];
}
