import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The manifest's `when` clauses, evaluated with VS Code's rules (`&&` binds tighter than `||`; `==`, `!=`, `=~`
 * with a /regex/, `!`, parentheses), so a precedence slip like `a || b || c && trusted` fails here.
 */
type Context = Record<string, string | boolean | undefined>;

function evaluate(clause: string, context: Context): boolean {
  const tokens = clause.match(/\(|\)|&&|\|\||!(?!=)|==|!=|=~|\/(?:\\.|[^/])+\/|[^\s()!=&|]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const value = (token: string | undefined): string | boolean | undefined => {
    if (token === 'true') return true;
    if (token === 'false') return false;
    return token !== undefined && token in context ? context[token] : token;
  };
  function primary(): boolean {
    const token = next();
    if (token === '!') return !primary();
    if (token === '(') {
      const result = or();
      assert.equal(next(), ')', `unbalanced parentheses in ${clause}`);
      return result;
    }
    const operator = peek();
    if (operator === '==' || operator === '!=' || operator === '=~') {
      next();
      const right = next() ?? '';
      const left = String(value(token) ?? '');
      if (operator === '=~') return new RegExp(right.slice(1, -1)).test(left);
      return (left === right) === (operator === '==');
    }
    return Boolean(value(token));
  }
  function and(): boolean {
    let result = primary();
    while (peek() === '&&') {
      next();
      result = primary() && result;
    }
    return result;
  }
  function or(): boolean {
    let result = and();
    while (peek() === '||') {
      next();
      result = and() || result;
    }
    return result;
  }
  const result = or();
  assert.equal(at, tokens.length, `unparsed tokens in ${clause}`);
  return result;
}

interface MenuItem {
  command: string;
  when?: string;
}
const manifest = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
};
const menu = (name: string, command: string) =>
  manifest.contributes.menus[name]?.find((item) => item.command === command) ??
  assert.fail(`${command} is not in ${name}`);

describe('manifest when clauses', () => {
  it('evaluates with VS Code precedence', () => {
    assert.equal(evaluate('a || b && c', { a: true, b: true, c: false }), true);
    assert.equal(evaluate('(a || b) && c', { a: true, b: true, c: false }), false);
    assert.equal(evaluate('x =~ /^(csv|tsv)$/ && !y', { x: 'tsv', y: false }), true);
  });

  for (const place of ['editor/title', 'explorer/context']) {
    it(`offers Train Model in ${place} for CSV, TSV and JSONL datasets, and only in a trusted workspace`, () => {
      const { when = 'true' } = menu(place, 'responsibleML.trainModel');
      for (const language of ['csv', 'tsv', 'jsonl']) {
        assert.equal(
          evaluate(when, { resourceLangId: language, isWorkspaceTrusted: true }),
          true,
          `${language}, trusted`,
        );
        assert.equal(
          evaluate(when, { resourceLangId: language, isWorkspaceTrusted: false }),
          false,
          `${language}, restricted`,
        );
      }
      for (const language of ['markdown', 'rml-prompt', 'plaintext']) {
        assert.equal(evaluate(when, { resourceLangId: language, isWorkspaceTrusted: true }), false, language);
      }
    });
  }

  it('shows Cancel only on running runs, Open and Compare on every run', () => {
    const cancel = menu('view/item/context', 'responsibleML.cancelRun').when ?? '';
    assert.equal(evaluate(cancel, { viewItem: 'rmlRun.running' }), true);
    assert.equal(evaluate(cancel, { viewItem: 'rmlRun.completed' }), false);
    const open = menu('view/item/context', 'responsibleML.openRun').when ?? '';
    for (const state of ['running', 'completed', 'failed', 'cancelled'])
      assert.equal(evaluate(open, { viewItem: `rmlRun.${state}` }), true);
    assert.equal(evaluate(open, { viewItem: 'somethingElse' }), false);
  });
});
