/**
 * Shannon entropy in bits per character: random keys score high (base64 ≈ 5, hex ≈ 4), placeholders such as
 * `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx` or `AKIA0000000000000000` score low. Used as gitleaks and
 * detect-secrets do, to drop pattern matches that cannot be real keys.
 */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Below this a token of 20+ characters is a placeholder or a repeated pattern: a random 20-character hex
 * string scores about 3.6 bits, `xxxxxxxxxxxx…` 0, `abcabcabc…` 1.6.
 */
export const PLACEHOLDER_ENTROPY = 3;

export function looksLikePlaceholder(token: string): boolean {
  return token.length >= 20 && shannonEntropy(token) < PLACEHOLDER_ENTROPY;
}
