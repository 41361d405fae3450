import { createHash } from 'node:crypto';
import type { Finding } from '../../shared/findings';

export type AnonymizeKind = 'redact' | 'mask' | 'hash';

/** Presidio's "replace" operator: a typed placeholder such as `<EMAIL>`. */
export function redacted(finding: Finding): string {
  return finding.data?.placeholder ?? `<${finding.code.split('/').pop()!.toUpperCase().replace(/-/g, '_')}>`;
}

/**
 * Presidio's "mask" operator with `from_end: false`: every character but the last four becomes `*`.
 * Separators stay, so "4111 1111 1111 1111" reads "**** **** **** 1111" and the shape is still recognisable.
 */
export function masked(matched: string, keep = 4): string {
  let kept = 0;
  const chars = [...matched];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(chars[i]!)) continue;
    if (kept < keep) kept++;
    else chars[i] = '*';
  }
  return chars.join('');
}

/**
 * Presidio's "hash" operator (SHA-256 of salt + value): the same value gets the same pseudonym across files,
 * so joins still work, while a salt kept out of the dataset stops dictionary look-ups of, say, phone numbers.
 */
export function saltedHash(matched: string, salt: string): string {
  return createHash('sha256').update(salt).update(matched).digest('hex');
}

export function anonymized(kind: AnonymizeKind, finding: Finding, matched: string, salt: string | undefined): string {
  switch (kind) {
    case 'redact':
      return redacted(finding);
    case 'mask':
      return masked(matched);
    case 'hash':
      if (!salt) throw new Error('set "salt" in .rml.json (8 characters or more) before hashing values');
      return saltedHash(matched, salt);
  }
}
