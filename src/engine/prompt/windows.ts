// Long prose is checked window by window (issue 10: 4 MB of prose took 12.8 s and 589 MiB as one text): the
// rules, the decoders and retext then hold one window's views, matches and syntax tree at a time, and a rule
// that looks around a hit sees what it would see in a text of ordinary length.

export interface TextWindow {
  start: number;
  end: number;
}

/** Where a window should end: the last paragraph break, else line break, else space in its second half. */
function breakBefore(text: string, from: number, limit: number): number {
  const floor = from + Math.floor((limit - from) / 2);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = text.lastIndexOf(separator, limit - separator.length);
    if (at >= floor) return at + separator.length;
  }
  return limit;
}

/**
 * Windows of at most `size` characters covering `start`..`end` of `text`, each beginning `overlap` characters
 * (rounded back to a line or word break) before the previous one ended, so that a phrase cut by one window's
 * end is whole in the next. A text that fits is one window.
 */
export function textWindows(text: string, start: number, end: number, size: number, overlap: number): TextWindow[] {
  if (end - start <= size) return [{ start, end }];
  const windows: TextWindow[] = [];
  for (let from = start; ; ) {
    const limit = from + size;
    if (limit >= end) {
      windows.push({ start: from, end });
      return windows;
    }
    const to = breakBefore(text, from, limit);
    windows.push({ start: from, end: to });
    const next = breakBefore(text, to - overlap, to);
    from = next > from && next < to ? next : to - overlap;
  }
}
