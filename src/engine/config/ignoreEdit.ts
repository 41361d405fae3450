import { applyEdits, modify, parse } from 'jsonc-parser';
import type { IgnoredFinding } from '../../shared/config';

const formatting = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/**
 * The text of `.rml.json` after appending findings to `ignore`, keeping the user's formatting and comments
 * (jsonc-parser's `modify`), so the "Ignore" quick fix is one ordinary, undoable edit of that file.
 * Returns undefined when every entry is already there. `configText` is '' when the file does not exist yet.
 */
export function withIgnoredFindings(configText: string, entries: IgnoredFinding[]): string | undefined {
  let text = configText.trim() === '' ? '{}\n' : configText;
  const current = parse(text) as { ignore?: unknown } | undefined;
  const known = new Set(Array.isArray(current?.ignore) ? current.ignore.map(fingerprintOf) : []);
  const fresh = entries.filter((entry) => !known.has(entry.fingerprint) && known.add(entry.fingerprint));
  if (fresh.length === 0) return undefined;
  if (!Array.isArray(current?.ignore)) {
    text = applyEdits(text, modify(text, ['ignore'], fresh, formatting));
  } else {
    for (const entry of fresh) {
      text = applyEdits(text, modify(text, ['ignore', -1], entry, { ...formatting, isArrayInsertion: true }));
    }
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}

function fingerprintOf(entry: unknown): string | undefined {
  return typeof entry === 'object' && entry !== null ? (entry as { fingerprint?: string }).fingerprint : undefined;
}
