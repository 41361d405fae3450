/** Delimiters `sniffDelimiter` chooses among, in the order ties are broken. */
export const CANDIDATE_DELIMITERS = [',', '\t', ';', '|'] as const;

const MAX_SNIFFED_LINES = 50;

/** Per line, how often each candidate occurs outside quotes; a trailing unfinished line is dropped. */
function countDelimitersPerLine(sample: string): number[][] {
  const lines: number[][] = [];
  let counts = CANDIDATE_DELIMITERS.map(() => 0);
  let inQuotes = false;
  for (let i = 0; i < sample.length && lines.length < MAX_SNIFFED_LINES; i++) {
    const c = sample[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (c === '\r' && sample[i + 1] === '\n') i++;
      lines.push(counts);
      counts = CANDIDATE_DELIMITERS.map(() => 0);
    } else if (!inQuotes) {
      const k = CANDIDATE_DELIMITERS.indexOf(c as (typeof CANDIDATE_DELIMITERS)[number]);
      if (k !== -1) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  // A sample without any line break is one (possibly cut) line: better than nothing.
  if (lines.length === 0) lines.push(counts);
  return lines.filter((line) => line.some((n) => n > 0) || lines.length === 1);
}

/** The most frequent per-line count of one candidate and the share of lines that have exactly it. */
function consistency(perLine: number[]): { count: number; share: number } {
  const frequency = new Map<number, number>();
  for (const n of perLine) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  let best = { count: 0, share: 0 };
  for (const [count, lines] of frequency) {
    const share = lines / perLine.length;
    if (count > 0 && (share > best.share || (share === best.share && count > best.count))) best = { count, share };
  }
  return best;
}

/**
 * Guesses the delimiter of a CSV-like sample: the candidate whose count per line (outside quotes) is the most
 * consistent, then the most frequent; `,` when none occurs. Like Python's `csv.Sniffer`, but limited to the four
 * delimiters data files use, so prose inside quoted fields cannot mislead it.
 */
export function sniffDelimiter(sample: string): string {
  const lines = countDelimitersPerLine(sample);
  let best: string = ',';
  let bestScore = { count: 0, share: 0 };
  CANDIDATE_DELIMITERS.forEach((delimiter, k) => {
    const score = consistency(lines.map((counts) => counts[k] ?? 0));
    const better = score.share > bestScore.share || (score.share === bestScore.share && score.count > bestScore.count);
    if (score.count > 0 && better) {
      best = delimiter;
      bestScore = score;
    }
  });
  return best;
}
