import { parseRegExpLiteral, type AST } from '@eslint-community/regexpp';

/**
 * The literals one of which every match of a regular expression contains (the "inner literals" ripgrep and
 * Hyperscan extract), or `null` when no such set was found. A text holding none of them cannot match, so the
 * pattern need not run on it. Derived from the pattern's syntax tree (regexpp, the parser ESLint uses), so a
 * rule written tomorrow gets its prefilter without anyone writing one. Case-sensitive patterns only: a pattern
 * with the `i` or `v` flag, or one whose literals cannot be found, gets `null`.
 */
export function requiredLiterals(pattern: RegExp): string[] | null {
  if (/[iv]/.test(pattern.flags)) return null;
  const ast = parseRegExpLiteral(pattern);
  return usable(required(ast.pattern));
}

/** At most this many strings in an exact set: a larger one stops being worth enumerating (products multiply). */
const MAX_SET = 64;
/** A required set may be larger (one automaton holds them all); past this it would hold most short words. */
const MAX_REQUIRED = 1_024;

/** A set is worth checking only if every string in it has a character (an empty one is in every text). */
function usable(set: string[] | null): string[] | null {
  return set && set.length > 0 && set.every((literal) => literal.length > 0) ? set : null;
}

/** Every string `node` can match, when that set is small and finite; `null` otherwise. */
function exact(node: AST.Node): string[] | null {
  // Each level of a nested group asks again for the sets below it: remembered, extraction stays linear.
  let set = exactSets.get(node);
  if (set === undefined) exactSets.set(node, (set = exactOf(node)));
  return set;
}

const exactSets = new WeakMap<AST.Node, string[] | null>();

function exactOf(node: AST.Node): string[] | null {
  switch (node.type) {
    case 'Character':
      return [String.fromCodePoint(node.value)];
    case 'Assertion':
      return [''];
    case 'CharacterClass':
      return node.negate ? null : classMembers(node.elements);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return union(node.alternatives.map(exact));
    case 'Alternative':
      return node.elements.reduce<string[] | null>((set, element) => product(set, exact(element)), ['']);
    case 'Quantifier': {
      const inner = exact(node.element);
      if (!inner || node.max > 3) return null;
      let set: string[] | null = node.min === 0 ? [''] : [];
      let power: string[] | null = [''];
      for (let times = 1; times <= node.max && power && set; times++) {
        power = product(power, inner);
        if (times >= node.min) set = union([set, power]);
      }
      return set;
    }
    default:
      return null;
  }
}

function classMembers(elements: AST.CharacterClass['elements']): string[] | null {
  const members: string[] = [];
  for (const element of elements) {
    if (element.type === 'Character') members.push(String.fromCodePoint(element.value));
    else if (element.type === 'CharacterClassRange' && element.max.value - element.min.value < 8)
      for (let code = element.min.value; code <= element.max.value; code++) members.push(String.fromCodePoint(code));
    else return null;
  }
  return members.length <= 8 ? members : null;
}

function union(sets: Array<string[] | null>, limit = MAX_SET): string[] | null {
  const all = new Set<string>();
  for (const set of sets) {
    if (!set) return null;
    for (const literal of set) all.add(literal);
  }
  return all.size <= limit ? [...all] : null;
}

function product(left: string[] | null, right: string[] | null): string[] | null {
  if (!left || !right || left.length * right.length > MAX_SET) return null;
  // Most steps append one character to every string of a run: no set needed, nothing can collide.
  if (right.length === 1) return left.map((a) => a + right[0]);
  return [...new Set(left.flatMap((a) => right.map((b) => a + b)))];
}

/** A set that every match of `node` contains one string of; `null` when none is known. */
function required(node: AST.Node): string[] | null {
  switch (node.type) {
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return union(
        node.alternatives.map((alternative) => usable(required(alternative))),
        MAX_REQUIRED,
      );
    case 'Quantifier':
      return node.min >= 1 ? required(node.element) : null;
    case 'Alternative':
      return requiredOfSequence(node.elements);
    default:
      return exact(node);
  }
}

/**
 * In a sequence, consecutive elements with small exact sets join into longer strings ("in" "struct" "ions?");
 * each such run, and each other element's own required set, is a candidate; the best one serves.
 */
function requiredOfSequence(elements: AST.Alternative['elements']): string[] | null {
  let best: string[] | null = null;
  let run: string[] = [''];
  const consider = (candidate: string[] | null) => {
    if (usable(candidate) && better(candidate!, best)) best = candidate;
  };
  for (const element of elements) {
    const set = exact(element);
    const joined = set && product(run, set);
    if (joined) {
      run = joined;
      continue;
    }
    consider(run);
    run = set ?? [''];
    if (!set) consider(required(element));
  }
  consider(run);
  return best;
}

/** Longer shortest string first (rarer in text), then fewer strings. */
function better(candidate: string[], than: string[] | null): boolean {
  if (!than) return true;
  const shortest = (set: string[]) => Math.min(...set.map((literal) => literal.length));
  const a = shortest(candidate);
  const b = shortest(than);
  return a > b || (a === b && candidate.length < than.length);
}
