import { applyEdits, modify, parse } from 'jsonc-parser';
import type { IgnoredFinding } from '../../shared/config';
import { tooDeepAt, tooDeepMessage } from '../parse';

const formatting = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/**
 * The text of `.rml.json` after appending findings to `ignore`, keeping the user's formatting and comments
 * (jsonc-parser's `modify`), so the "Ignore" quick fix is one ordinary, undoable edit of that file.
 * Returns undefined when every entry is already there. `configText` is '' when the file does not exist yet.
 */
export function withIgnoredFindings(configText: string, entries: IgnoredFinding[]): string | undefined {
  let text = editableText(configText);
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

/** The text to edit (`{}` for a new file); throws on a config too deep to parse, which the edit would crash on. */
function editableText(configText: string): string {
  if (tooDeepAt(configText) >= 0) throw new Error(`.rml.json cannot be edited: ${tooDeepMessage('document')}`);
  return configText.trim() === '' ? '{}\n' : configText;
}

function fingerprintOf(entry: unknown): string | undefined {
  return typeof entry === 'object' && entry !== null ? (entry as { fingerprint?: string }).fingerprint : undefined;
}

/**
 * The text of `.rml.json` with `column` added to `dataset.sensitive` (the "Mark as sensitive column" fix), or
 * undefined when it is already there. Formatting and comments are kept, as for ignores.
 */
export function withSensitiveColumn(configText: string, column: string): string | undefined {
  const text = editableText(configText);
  const current = parse(text) as { dataset?: { sensitive?: unknown } } | undefined;
  const sensitive = current?.dataset?.sensitive;
  if (Array.isArray(sensitive) && sensitive.includes(column)) return undefined;
  const edits = Array.isArray(sensitive)
    ? modify(text, ['dataset', 'sensitive', -1], column, { ...formatting, isArrayInsertion: true })
    : modify(text, ['dataset', 'sensitive'], [column], formatting);
  const updated = applyEdits(text, edits);
  return updated.endsWith('\n') ? updated : `${updated}\n`;
}

/**
 * The text of `.rml.json` with `column` as the label of one dataset (`dataset.files[file].label`, `file` relative
 * to the config file): the "Use as the label column" fix. Per file, because a workspace's datasets rarely share a
 * label name. Undefined when it is already that.
 */
export function withDatasetLabel(configText: string, file: string, column: string): string | undefined {
  const text = editableText(configText);
  const current = parse(text) as { dataset?: { files?: Record<string, { label?: unknown }> } } | undefined;
  if (current?.dataset?.files?.[file]?.label === column) return undefined;
  const updated = applyEdits(text, modify(text, ['dataset', 'files', file, 'label'], column, formatting));
  return updated.endsWith('\n') ? updated : `${updated}\n`;
}
