/** TensorFlow.js backends for training: selection with fallbacks, the kernels our models need, native install. */
export { installNativeBackend, type InstalledNativeBackend, type InstallNativeBackendOptions } from './installNative';
export { registerTrainingKernels } from './kernels';
export { createDefaultLoaders, CUDA_FIX, ENABLE_GPU_FIX, packagedWasmDir, type LoaderOptions } from './loaders';
export { NATIVE_PACKAGES, missingCudaLibraries, resolveNativePackage } from './nativeModule';
export { defaultLoaders, selectBackend } from './selectBackend';
export * from './types';
export { releaseWebGpu, webgpuLoader, machineWebGpuDeps, type WebGpuDeps } from './webgpu';
export { onRelease, releaseComputeResources } from './lifetime';
