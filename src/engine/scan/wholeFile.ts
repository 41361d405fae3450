import { splitCompanions } from './auditAnalyzer';
import type { Finding } from '../../shared/findings';
import { LINE_MARK, type FileResult, type FileTask } from './fileTask';
import { Packer, packedAsLine } from './packing';
import type { ScanRequest } from './request';
import { scanFile } from './scan';

/**
 * The task for `request`, or undefined when it cannot leave this thread: a detection cache or stats belong to
 * the caller's objects, and a request that names its own chunk size or fast path is a test's.
 */
export function fileTaskFor(path: string, request: ScanRequest): FileTask | undefined {
  if (request.cache || request.stats || request.chunkBytes !== undefined || request.fastPath !== undefined)
    return undefined;
  const {
    displayNameOf,
    cache: _cache,
    signal: _signal,
    stats: _stats,
    onFinding,
    lines,
    workers: _workers,
    ...plain
  } = request;
  const displayNames: Record<string, string> = {};
  if (displayNameOf && request.path && request.format !== 'text')
    for (const companion of splitCompanions(request.path, request)) displayNames[companion] = displayNameOf(companion);
  return { path, request: plain, displayNames, ...(onFinding && lines ? { lineFormat: lines.format } : {}) };
}

/** Scans a task's file on this thread (a worker's), as `scanFile` on the caller's would: the same findings. */
export async function scanWholeFile(task: FileTask): Promise<FileResult> {
  const findings = new Packer();
  const pack = (finding: Finding) => {
    if (!packedAsLine(findings, task.lineFormat, finding, LINE_MARK)) findings.value(finding);
  };
  try {
    await scanFile(task.path, {
      ...task.request,
      displayNameOf: (other) => task.displayNames[other] ?? other,
      workers: 1,
      onFinding: pack,
    });
  } catch (error) {
    return { findings: findings.take(), error: error instanceof Error ? error.message : String(error) };
  }
  return { findings: findings.take() };
}
