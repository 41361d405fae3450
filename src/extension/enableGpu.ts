import * as vscode from 'vscode';
import { installNativeBackend } from '../engine/compute/installNative';
import type { RmlContext } from './context';

/** Where "Enable GPU Acceleration" installs the native TensorFlow package; the server looks there. */
export function nativeModuleDir(extension: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(extension.globalStorageUri, 'native').fsPath;
}

/**
 * Installs `@tensorflow/tfjs-node-gpu` (or `-node` where no CUDA build exists) with npm into the extension's
 * global storage: too large and platform-specific for the .vsix, and its installer downloads libtensorflow.
 * Jobs started afterwards load it from there; a failed install (offline) says why and changes nothing.
 */
export async function enableGpuAcceleration(ctx: RmlContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Responsible ML installs native packages only in trusted workspaces.');
    return;
  }
  const targetDir = nativeModuleDir(ctx.extension);
  try {
    const installed = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Responsible ML: installing native TensorFlow', cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return installNativeBackend({
          targetDir,
          signal: controller.signal,
          onProgress: (line) => {
            ctx.output.info(`[npm] ${line}`);
            progress.report({ message: line.slice(0, 80) });
          },
        });
      },
    );
    ctx.output.info(`Installed ${installed.packageName} in ${installed.targetDir}`);
    void vscode.window.showInformationMessage(`Responsible ML: ${installed.packageName} installed. New training jobs use it (see the backend in the status bar).`);
  } catch (error) {
    const message = (error as Error).message;
    ctx.output.error(`Enable GPU Acceleration failed: ${message}`);
    void vscode.window.showErrorMessage(`Responsible ML: could not install native TensorFlow: ${message}`, 'Show Output').then((choice) => choice && ctx.output.show());
  }
}
