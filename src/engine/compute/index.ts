/** TensorFlow.js backends for training: selection with fallbacks, the kernels our models need, native install. */
export { installNativeBackend, type InstalledNativeBackend, type InstallNativeBackendOptions } from './installNative';
export { registerTrainingKernels } from './kernels';
export { createDefaultLoaders, CUDA_FIX, ENABLE_GPU_FIX, packagedWasmDir, type LoaderOptions } from './loaders';
export {
  hasSharedLibrary,
  NATIVE_PACKAGES,
  missingCudaLibraries,
  platformSupports,
  resolveNativePackage,
} from './nativeModule';
export { dawnBinary } from './dawn';
export { defaultLoaders, selectBackend, selectSynchronousBackend } from './selectBackend';
export { releaseWebGpu, webgpuLoader, machineWebGpuDeps, type WebGpuDeps } from './webgpu';
export { onRelease, releaseComputeResources } from './lifetime';
export * from './types';
export { ADAM_STEP } from './adamKernel';
export { EMBEDDING_BAG_MEAN, hasFusedEmbeddingBag, hasKernel } from './kernels';
