/**
 * What a backend holds that keeps a process or worker alive (a Dawn instance polls the CPU while it exists), released
 * when the work is done. Free of tfjs so that the CLI's entry point can release without loading TensorFlow.js.
 */
const releases = new Set<() => void>();

/** Registers `release` to run once at `releaseComputeResources`; returns a function that unregisters it. */
export function onRelease(release: () => void): () => void {
  releases.add(release);
  return () => releases.delete(release);
}

/** Runs every registered release (the CLI after a command, workers after their job, tests after theirs). */
export function releaseComputeResources(): void {
  for (const release of [...releases]) {
    releases.delete(release);
    release();
  }
}
