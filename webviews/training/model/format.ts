/** Numbers as the panel prints them: the same text in tables, chart labels and text alternatives. */

/** A rate or a ratio in [0, 1] (or a little beyond): three decimals, as Fairlearn's tables show them. */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(3);
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

/** A loss: four significant figures, never scientific notation for the usual range. */
export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toPrecision(4);
}

export function formatInterval(interval: { lower: number; upper: number } | null | undefined): string {
  if (!interval) return '';
  return `[${formatRate(interval.lower)}, ${formatRate(interval.upper)}]`;
}

/** A signed difference, e.g. "+0.021" or "−0.140" (a true minus sign, as screen readers say "minus"). */
export function formatDelta(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(3);
  if (Number(text) === 0) return text;
  return value > 0 ? `+${text}` : `\u2212${text}`;
}

/** A count of examples: whole numbers plainly, weighted counts with two decimals. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min ${whole % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
