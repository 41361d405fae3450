/**
 * Benjamini–Hochberg false discovery rate adjustment (q-values), as R `p.adjust(p, "BH")` and SciPy
 * `false_discovery_control(p, method='bh')`: q_(i) = min over j ≥ i of m·p_(j)/j, capped at 1.
 * NaN entries stay NaN and do not count in m (R's convention). Written by hand: a dozen lines.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry) => !Number.isNaN(entry.p))
    .sort((x, y) => y.p - x.p);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 1;
  order.forEach((entry, position) => {
    const rank = m - position;
    running = Math.min(running, (m * entry.p) / rank);
    adjusted[entry.index] = running;
  });
  return adjusted;
}
