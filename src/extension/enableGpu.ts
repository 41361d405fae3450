import * as vscode from 'vscode';
import { EnableGpuRequest } from '../shared/protocol';
import type { RmlContext } from './context';

/** Where "Enable GPU Acceleration" installs the native TensorFlow package; the server looks there. */
export function nativeModuleDir(extension: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(extension.globalStorageUri, 'native').fsPath;
}

/**
 * Asks the server to install `@tensorflow/tfjs-node-gpu` (or `-node` where no CUDA build exists) with npm into
 * the extension's global storage (too large and platform-specific for the .vsix). The server shows cancellable
 * progress; a failed install (offline) says why and changes nothing.
 */
export async function enableGpuAcceleration(ctx: RmlContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Responsible ML installs native packages only in trusted workspaces.');
    return;
  }
  try {
    const installed = await ctx.client.sendRequest(EnableGpuRequest.type, {});
    ctx.output.info(`Installed ${installed.packageName} in ${installed.targetDir}`);
    void vscode.window.showInformationMessage(
      `Responsible ML: ${installed.packageName} installed. New training jobs use it (see the backend in the status bar).`,
    );
  } catch (error) {
    const message = (error as Error).message;
    ctx.output.error(`Enable GPU Acceleration failed: ${message}`);
    void vscode.window
      .showErrorMessage(`Responsible ML: could not install native TensorFlow: ${message}`, 'Show Output')
      .then((choice) => choice && ctx.output.show());
  }
}
