import crypto from 'node:crypto';
import path from 'node:path';

/**
 * One-shot `crypto.hash` (Node ≥ 20.12) is about three times faster than a Hash object, which matters for a
 * scan with millions of findings; the digest is the same, so ignored fingerprints stay valid.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * A finding's identity for "Ignore": the code, the file relative to the config root (POSIX separators, so
 * Windows and CI agree) and what was found — never its position, so edits elsewhere in the file keep it.
 * 16 hex digits (64 bits) are plenty for the handful of ignores a workspace keeps.
 */
export function fingerprint(code: string, relativeFile: string, subject: string): string {
  return sha256Hex(`${code}\0${relativeFile}\0${subject}`).slice(0, 16);
}

/** `file` relative to `root` with forward slashes; files outside the root keep their absolute path. */
export function relativeToRoot(root: string, file: string): string {
  const relative = path.relative(root, path.resolve(root, file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return path.resolve(root, file).split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}
