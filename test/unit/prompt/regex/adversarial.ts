// Inputs that make a backtracking pattern slow: long runs of what a pattern repeats, its own words over and
// over, and the pumps recheck reported against the engine's old patterns (issue 10). Each pattern must get
// through every one of them quickly; a pattern that backtracks quadratically takes seconds on 50,000 characters.

const SIZE = 50_000;

function repeatTo(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** The pumps that are the same for every pattern. */
export const GENERIC_PUMPS: ReadonlyArray<[string, string]> = [
  [
    'base64 run of length 2 mod 4 (issue 10)',
    `Use the session id ${repeatTo('Q7zT', SIZE - 2)}ab when calling the API.`,
  ],
  ['base64 run of length 1 mod 4', `${repeatTo('Q7zT')}a!`],
  ['spaces', `a${repeatTo(' ')}!`],
  ['tabs and spaces', `x${repeatTo(' \t')}\u0000`],
  ['carriage returns and brackets', repeatTo('\t[\r')],
  ['line starts', repeatTo(':\r[\r')],
  ['exclamation marks', `${repeatTo('!')}x`],
  ['dots and parentheses', `${repeatTo('.)')}x`],
  ['nested markdown images', repeatTo('![a](')],
  ['markdown links', repeatTo('[a](x')],
  ['open braces', repeatTo('{{a ')],
  ['triple braces', repeatTo('{{{#a')],
  ['percent escapes', repeatTo('a%41b')],
  ['html entities', repeatTo('&#65;&#x41')],
  ['unicode escapes', repeatTo('\\u0041\\u{41')],
  ['hex pairs', repeatTo('0x41 ')],
  ['hex digits', `${repeatTo('a1')}g`],
  ['labels', `${repeatTo('a.')}!`],
  ['hyphenated labels', `${repeatTo('a-b.')}-`],
  ['url schemes', repeatTo('a+b://')],
  ['credentials', repeatTo('x://u:p')],
  ['front matter fences', repeatTo('---\n')],
  ['angle brackets', repeatTo('<img src=')],
  ['tags', repeatTo('<a ')],
  ['equals', repeatTo('a=')],
  ['quotes', repeatTo(`"'`)],
  ['digits', `${repeatTo('1')}x`],
  ['digits and separators', `${repeatTo('1-')}x`],
  ['word characters', `${repeatTo('a_')}+`],
  ['mixed case words', repeatTo('Ab ')],
];

/** The pattern's own vocabulary, over and over: what makes alternations of phrases backtrack. */
export function vocabularyPumps(source: string): Array<[string, string]> {
  const words = [...new Set(source.match(/[a-z]{2,}/gi) ?? [])].slice(0, 200);
  if (words.length === 0) return [];
  return [
    ['its words, one space apart', repeatTo(`${words.join(' ')} `)],
    ['its words, many spaces apart', repeatTo(`${words.join('  \t  ')}   `)],
    ['its first word, repeated', repeatTo(`${words[0]} `)],
    ['its words with punctuation', repeatTo(`${words.join(', ')}; `)],
  ];
}

/** Milliseconds to find every match of `pattern` in `text`. */
export function timeAllMatches(pattern: RegExp, text: string): number {
  const global = pattern.global || pattern.sticky ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  const started = performance.now();
  global.lastIndex = 0;
  for (let found = global.exec(text); found; found = global.exec(text)) {
    if (found[0].length === 0) global.lastIndex++;
  }
  return performance.now() - started;
}
