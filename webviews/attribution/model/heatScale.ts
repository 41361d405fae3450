import type { ExplainedUnit } from '../../../src/shared/attribution';

/**
 * The heatmap's diverging scale: a score's sign picks the colour (raises / lowers the explained class's probability)
 * and |score| / the largest |score| of the input its strength, so the strongest word is always fully coloured and a
 * zero score is no colour at all. The colours themselves come from the theme (the stylesheet).
 */
export interface HeatCell {
  /** 0 … 1. */
  weight: number;
  direction: 'raises' | 'lowers' | 'none';
}

export function scaleOf(units: readonly Pick<ExplainedUnit, 'score'>[]): number {
  return units.reduce((largest, unit) => Math.max(largest, Math.abs(unit.score)), 0);
}

export function heatCell(score: number, scale: number): HeatCell {
  if (!(scale > 0) || score === 0 || !Number.isFinite(score)) return { weight: 0, direction: 'none' };
  return { weight: Math.min(1, Math.abs(score) / scale), direction: score > 0 ? 'raises' : 'lowers' };
}

/** The legend's end labels and midpoint: −max, 0, +max. */
export function legendTicks(scale: number): [string, string, string] {
  return [formatScore(-scale), formatScore(0), formatScore(scale)];
}

/** A score with a sign and three significant figures: "+0.214", "−0.0031", "0". */
export function formatScore(score: number): string {
  if (!Number.isFinite(score)) return '—';
  if (score === 0) return '0';
  const magnitude = Math.abs(score);
  const text = magnitude >= 0.001 ? magnitude.toPrecision(3) : magnitude.toExponential(2);
  return `${score > 0 ? '+' : '\u2212'}${text}`;
}

/** What a screen reader says for one token: its text, its score and which way it pushes the prediction. */
export function tokenLabel(text: string, score: number, target: string): string {
  const cell = heatCell(score, Math.abs(score));
  const effect = cell.direction === 'none' ? 'no effect on' : `${cell.direction}`;
  return `${text}: ${formatScore(score)}, ${effect} P(${target})`;
}
