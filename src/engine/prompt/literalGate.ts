import RULE_LITERALS from './ruleLiterals.json';

/**
 * Which of a list of patterns can match a text, told by one pass over it: each pattern's required literals
 * (`requiredLiterals`) go into one Aho-Corasick automaton, and a pattern whose literals do not occur is skipped.
 * The phrase rules are 80 regular expressions run on every prompt and every text cell of a dataset; most texts
 * hold the words of few of them, and running all 80 was half of a JSONL dataset's scan. Written here because the
 * npm Aho-Corasick packages build per-match result objects, which this hot path cannot afford, and none reports
 * "which of these sets occurred" directly.
 */
export class LiteralGate {
  /** For each pattern, whether it has literals (a pattern without them always runs). */
  private readonly gated: Uint8Array;
  /** Character code → alphabet class; 0 for a character in no literal (it sends the automaton back to its root). */
  private readonly classOf = new Uint8Array(65_536);
  private readonly stride: number;
  private readonly next: Int32Array;
  /** The patterns whose literal ends at a state (through its failure links too), as ranges of `outPatterns`. */
  private readonly outStart: Int32Array;
  private readonly outPatterns: Int32Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(patterns: readonly RegExp[]) {
    const literals = patterns.map(literalsOf);
    this.gated = Uint8Array.from(literals, (set) => (set ? 1 : 0));
    this.seen = new Uint32Array(patterns.length);
    let classes = 1;
    for (const set of literals)
      for (const literal of set ?? [])
        for (let i = 0; i < literal.length; i++) {
          const code = literal.charCodeAt(i);
          if (this.classOf[code] === 0) this.classOf[code] = classes++;
        }
    if (classes > 255) throw new Error(`LiteralGate: ${classes} distinct characters in the literals`);
    this.stride = classes;
    const trie = buildTrie(literals, this.classOf);
    const { next, outStart, outPatterns } = compile(trie, classes);
    this.next = next;
    this.outStart = outStart;
    this.outPatterns = outPatterns;
  }

  /** A test `mayMatch(index)` for the patterns on `text`, valid until the next call of `scan`. */
  scan(text: string): (index: number) => boolean {
    const stamp = ++this.stamp;
    const { classOf, next, stride, outStart, outPatterns, seen } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const symbol = classOf[text.charCodeAt(i)]!;
      state = symbol === 0 ? 0 : next[state * stride + symbol]!;
      for (let j = outStart[state]!; j < outStart[state + 1]!; j++) seen[outPatterns[j]!] = stamp;
    }
    return (index) => this.gated[index] === 0 || this.seen[index] === stamp;
  }
}

/** The key of a pattern in `ruleLiterals.json`: its flags and its source, so an edited pattern has no entry. */
export function literalsKey(pattern: RegExp): string {
  return `${pattern.flags}/${pattern.source}`;
}

const KNOWN: Readonly<Record<string, string[] | null>> = RULE_LITERALS;

/**
 * The phrase rules' literals come from `ruleLiterals.json`, written from the rules by
 * `npx tsx test/unit/prompt/writeRuleLiterals.ts` (a test fails when it is stale): deriving them costs 50-70 ms of
 * JIT-cold parsing, which every CLI run and scan worker would pay before its first prompt. Other patterns (a
 * pattern edited since, a test's) are derived here, with the parser loaded only then.
 */
function literalsOf(pattern: RegExp): string[] | null {
  const key = literalsKey(pattern);
  if (Object.hasOwn(KNOWN, key)) return KNOWN[key]!;
  return (require('./requiredLiterals') as typeof import('./requiredLiterals')).requiredLiterals(pattern);
}

interface Trie {
  /** Per state, its children by alphabet class. */
  children: Array<Map<number, number>>;
  /** Per state, the patterns whose literal ends there. */
  ends: number[][];
}

function buildTrie(literals: ReadonlyArray<string[] | null>, classOf: Uint8Array): Trie {
  const trie: Trie = { children: [new Map()], ends: [[]] };
  literals.forEach((set, pattern) => {
    for (const literal of set ?? []) {
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const symbol = classOf[literal.charCodeAt(i)]!;
        let child = trie.children[state]!.get(symbol);
        if (child === undefined) {
          child = trie.children.length;
          trie.children.push(new Map());
          trie.ends.push([]);
          trie.children[state]!.set(symbol, child);
        }
        state = child;
      }
      trie.ends[state]!.push(pattern);
    }
  });
  return trie;
}

/** The trie as a full transition table (failure links folded in, breadth first) and its outputs. */
function compile(trie: Trie, stride: number): { next: Int32Array; outStart: Int32Array; outPatterns: Int32Array } {
  const states = trie.children.length;
  const next = new Int32Array(states * stride);
  const fail = new Int32Array(states);
  const outputs: number[][] = trie.ends.map((ends) => [...new Set(ends)]);
  const queue: number[] = [];
  for (const [symbol, child] of trie.children[0]!) {
    next[symbol] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    outputs[state] = [...new Set([...outputs[state]!, ...outputs[fail[state]!]!])];
    for (let symbol = 1; symbol < stride; symbol++) {
      const child = trie.children[state]!.get(symbol);
      if (child === undefined) {
        next[state * stride + symbol] = next[fail[state]! * stride + symbol]!;
      } else {
        fail[child] = next[fail[state]! * stride + symbol]!;
        next[state * stride + symbol] = child;
        queue.push(child);
      }
    }
  }
  const outStart = new Int32Array(states + 1);
  for (let state = 0; state < states; state++) outStart[state + 1] = outStart[state]! + outputs[state]!.length;
  return { next, outStart, outPatterns: Int32Array.from(outputs.flat()) };
}
