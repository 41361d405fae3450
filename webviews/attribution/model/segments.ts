import type { ExplainedUnit } from '../../../src/shared/attribution';

/** The explained text cut into plain runs and scored words, in order, so the heatmap shows the text as written. */
export type Segment = { kind: 'text'; text: string } | { kind: 'unit'; unit: ExplainedUnit; index: number };

export function textSegments(text: string, units: readonly ExplainedUnit[]): Segment[] {
  const ordered = units.map((unit, index) => ({ unit, index })).sort((a, b) => a.unit.start - b.unit.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const { unit, index } of ordered) {
    if (unit.start < at || unit.end > text.length) continue; // overlapping or outside: never produced by the engine
    if (unit.start > at) segments.push({ kind: 'text', text: text.slice(at, unit.start) });
    segments.push({ kind: 'unit', unit, index });
    at = unit.end;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
}
