import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { dawnBinary, installNativeBackend, NATIVE_PACKAGES, platformSupports } from '../../engine/compute';
import type { EnableGpuResult } from '../../shared/protocol';

/**
 * "Enable GPU Acceleration", done by the server so the extension host stays free of the engine: npm installs
 * Dawn for WebGPU (where the .vsix lacks it) and the native TensorFlow package into the extension's storage, with
 * cancellable progress. Jobs started afterwards
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
  const options = {
    targetDir,
    signal: controller.signal,
    onProgress: (line: string) => {
      connection.console.info(`[npm] ${line}`);
      progress.report(line.slice(0, 80));
    },
  };
  try {
    // Dawn (WebGPU) first where the .vsix does not carry it: it installs from the registry alone, while native
    // TensorFlow's install script downloads libtensorflow (CUDA 11.8), which fails on many machines.
    const dawn = needsDawn(targetDir)
      ? await installNativeBackend({ ...options, packageName: NATIVE_PACKAGES.dawn })
      : undefined;
    if (dawn) connection.console.info(`Installed ${dawn.packageName} in ${dawn.targetDir}`);
    try {
      const installed = await installNativeBackend(options);
      connection.console.info(`Installed ${installed.packageName} in ${installed.targetDir}`);
      const packageName = dawn ? `${dawn.packageName} and ${installed.packageName}` : installed.packageName;
      return { packageName, targetDir: installed.targetDir };
    } catch (error) {
      if (!dawn) throw error;
      void connection.window.showWarningMessage(
        `Responsible ML: native TensorFlow was not installed (${(error as Error).message}); training uses WebGPU.`,
      );
      return { packageName: dawn.packageName, targetDir: dawn.targetDir };
    }
  } catch (error) {
    throw new ResponseError(3, (error as Error).message);
  } finally {
    progress.done();
  }
}

/** No Dawn binary for this platform yet, and the webgpu package has one to install. */
function needsDawn(targetDir: string): boolean {
  return !dawnBinary([targetDir]) && platformSupports(NATIVE_PACKAGES.dawn);
}
