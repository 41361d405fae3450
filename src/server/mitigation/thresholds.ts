/**
 * `rml/applyThresholds`: group thresholds for a run shown in the panel. The model is loaded in the server (small:
 * one prediction pass over the validation and test splits) on the wasm backend, else cpu.
 */
import path from 'node:path';
import { createDefaultLoaders, selectBackend } from '../../engine/compute';
import { applyRunThresholds } from '../../engine/mitigation';
import type { RunThresholds, ThresholdsRequestParams } from '../../shared/mitigation';
import type { RunRegistry } from '../runs/runRegistry';

let backendReady: Promise<unknown> | undefined;

export async function applyThresholds(
  params: ThresholdsRequestParams,
  runs: RunRegistry,
  bundleDir: string,
): Promise<RunThresholds> {
  backendReady ??= selectBackend('wasm', createDefaultLoaders({ wasmDir: path.join(bundleDir, 'wasm') }));
  await backendReady;
  return applyRunThresholds(runs.dirOf(params.runId), {
    ...(params.constraint ? { constraint: params.constraint } : {}),
    ...(params.objective ? { objective: params.objective } : {}),
  });
}
