import type { RmlConfig } from '../../shared/config';
import type { Severity } from '../../shared/findings';

/**
 * Looks a code up in a by-code-or-prefix table: `pii/phone` matches `pii/phone`, then `pii`, then `*`.
 * The most specific entry wins, so `{ "pii": false, "pii/email": true }` keeps only e-mails.
 */
function lookUp<T>(table: Record<string, T> | undefined, code: string): T | undefined {
  if (!table) return undefined;
  for (let key = code; ; ) {
    if (Object.hasOwn(table, key)) return table[key];
    const slash = key.lastIndexOf('/');
    if (slash < 0) break;
    key = key.slice(0, slash);
  }
  return Object.hasOwn(table, '*') ? table['*'] : undefined;
}

export function isCheckEnabled(config: RmlConfig, code: string, editorOverrides?: Record<string, boolean>): boolean {
  return lookUp(editorOverrides, code) ?? lookUp(config.checks, code) ?? true;
}

export function effectiveSeverity(
  config: RmlConfig,
  code: string,
  detected: Severity,
  editorOverrides?: Record<string, Severity>,
): Severity {
  return lookUp(config.severity, code) ?? lookUp(editorOverrides, code) ?? detected;
}

export function ignoredFingerprints(config: RmlConfig): ReadonlySet<string> {
  return new Set((config.ignore ?? []).map((entry) => entry.fingerprint));
}
