import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { installNativeBackend } from '../../engine/compute';
import type { EnableGpuResult } from '../../shared/protocol';

/**
 * "Enable GPU Acceleration", done by the server so the extension host stays free of the engine: npm installs
 * the native TensorFlow package into the extension's storage, with cancellable progress. Jobs started afterwards
 * load it from there. Refused in an untrusted workspace (it runs npm and an install script).
 */
export async function enableGpu(
  connection: Connection,
  targetDir: string | undefined,
  trusted: boolean,
): Promise<EnableGpuResult> {
  if (!trusted)
    throw new ResponseError(1, 'Installing native packages runs code on your machine: trust this workspace first.');
  if (!targetDir)
    throw new ResponseError(2, 'the client did not say where to install (initializationOptions.nativeModuleDir)');
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Responsible ML: installing native TensorFlow', 0, 'npm install…', true);
  const controller = new AbortController();
  progress.token.onCancellationRequested(() => controller.abort());
  try {
    const installed = await installNativeBackend({
      targetDir,
      signal: controller.signal,
      onProgress: (line) => {
        connection.console.info(`[npm] ${line}`);
        progress.report(line.slice(0, 80));
      },
    });
    connection.console.info(`Installed ${installed.packageName} in ${installed.targetDir}`);
    return { packageName: installed.packageName, targetDir: installed.targetDir };
  } catch (error) {
    throw new ResponseError(3, (error as Error).message);
  } finally {
    progress.done();
  }
}
