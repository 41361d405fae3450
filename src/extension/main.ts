import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { StatusNotification, WorkspaceTrustNotification } from '../shared/protocol';
import { createLanguageClient } from './client';
import { registerCommands } from './commands';
import type { RmlContext } from './context';
import { RmlStatusBar } from './statusBar';
import { TrainingRunPanel, registerTrainingPanels } from './panels/trainingRunPanel';
import { onTrainingEvent } from './panels/trainingEvents';
import { registerRunsView } from './runsView';
import { registerAccountabilityCommands } from './accountability';
import { TrainModelCodeLens } from './training/trainModel';
import { registerAttribution } from './panels/attributionCommands';

let running: RmlContext | undefined;

/** Activation failures are reported here: VS Code would only log them where nobody looks. */
export async function activate(extension: vscode.ExtensionContext): Promise<RmlContext | undefined> {
  const output = vscode.window.createOutputChannel('Responsible ML', { log: true });
  extension.subscriptions.push(output);
  try {
    running = await start(extension, output);
    return running;
  } catch (error) {
    const message = `Responsible ML failed to start: ${(error as Error).message}`;
    output.error(message);
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => choice && output.show());
    return undefined;
  }
}

async function start(extension: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<RmlContext> {
  const statusBar = new RmlStatusBar();
  const client = createLanguageClient(extension, output);
  const ctx: RmlContext = { extension, client, output, statusBar };
  extension.subscriptions.push(
    statusBar,
    client,
    ...registerCommands(ctx),
    ...registerTrainingPanels(ctx),
    ...registerRunsView(ctx),
    ...registerAccountabilityCommands(ctx),
    ...registerAttribution(ctx),
  );
  extension.subscriptions.push(
    // Every job that starts gets its live panel; reopening it later reads the run files.
    onTrainingEvent(ctx)((event) => {
      if (event.kind === 'started') TrainingRunPanel.showLive(ctx, event.runId);
      if (event.kind === 'finished' && event.state === 'failed')
        void vscode.window.showErrorMessage(`Responsible ML: training failed: ${event.error ?? 'see the output'}`);
    }),
    vscode.languages.registerCodeLensProvider([{ language: 'csv' }, { language: 'tsv' }], new TrainModelCodeLens()),
  );
  extension.subscriptions.push(
    client.onNotification(StatusNotification.type, (status) => statusBar.show(status)),
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) statusBar.stopped('see "Responsible ML: Show Output"');
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => void client.sendNotification(WorkspaceTrustNotification.type, { trusted: true }),
    ),
  );
  await client.start();
  void client.sendNotification(WorkspaceTrustNotification.type, { trusted: vscode.workspace.isTrusted });
  output.info(
    `Server started (VS Code ${vscode.version}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'restricted'})`,
  );
  return ctx;
}

export async function deactivate(): Promise<void> {
  await running?.client.stop();
  running = undefined;
}
