/**
 * "No invented values": every number a generated document prints must be one the evidence holds, at the
 * precision printed. The evidence's numbers are every JSON number in it and the digit runs inside its strings
 * and keys (dates, hashes, group names such as 18-29).
 */
export function evidenceNumbers(...values: unknown[]): number[] {
  const bag: number[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'number') bag.push(Math.abs(value));
    else if (typeof value === 'string') bag.push(...digitRuns(value));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        bag.push(...digitRuns(key));
        visit(inner);
      }
    }
  };
  values.forEach(visit);
  return bag;
}

function digitRuns(text: string): number[] {
  return [...text.matchAll(/\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
}

/** Numbers printed in `markdown` that no evidence value rounds to. */
export function unexplainedNumbers(markdown: string, bag: readonly number[]): string[] {
  const printed = [...markdown.matchAll(/\d+(?:\.\d+)?(?:e-\d+)?/g)].map((match) => match[0]);
  return [...new Set(printed)].filter((token) => !bag.some((value) => explains(value, token)));
}

function explains(value: number, token: string): boolean {
  if (token.includes('e-')) return Math.abs(value - Number(token)) <= Math.abs(value) * 0.01;
  const decimals = token.includes('.') ? token.length - token.indexOf('.') - 1 : 0;
  if (decimals === 0) return value === Number(token) || value.toFixed(0) === token;
  return value.toFixed(decimals) === Number(token).toFixed(decimals);
}
