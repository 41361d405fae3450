import { strict as assert } from 'node:assert';
import { findTemplateVariables } from '../../../src/engine/prompt/templateVariables';
import { matchesOf } from './helpers';

describe('prompt/unsafe-template', () => {
  it('flags a user-controlled variable in the system role, with a wrap fix', () => {
    const text = 'You are helpful. The user says: {{user_input}}';
    const [match] = matchesOf('prompt/unsafe-template', text, { kind: 'system', templateSyntax: 'mustache' });
    assert.equal(text.slice(match!.start, match!.end), '{{user_input}}');
    assert.deepEqual(match?.data?.fixes, ['wrap-variable']);
    assert.deepEqual(match?.data?.suggestions, ['<user_input>\n{{user_input}}\n</user_input>']);
  });

  it('flags undelimited user variables elsewhere, but not fenced or non-user ones', () => {
    assert.equal(
      matchesOf('prompt/unsafe-template', 'Summarize: {text}', { kind: 'user', templateSyntax: 'fstring' }).length,
      1,
    );
    for (const text of [
      'Summarize:\n"""\n{{text}}\n"""',
      '<question>\n{{ question }}\n</question>',
      'Translate "{{text}}" please',
      'You write for {{audience}} in a {{tone}} tone.',
    ]) {
      assert.deepEqual(matchesOf('prompt/unsafe-template', text, { kind: 'user', templateSyntax: 'jinja' }), [], text);
    }
  });

  it('treats declared prompt-file inputs as user-controlled', () => {
    const matches = matchesOf('prompt/unsafe-template', 'Hello {{firstName}}', {
      kind: 'system',
      templateSyntax: 'jinja',
      userInputs: new Set(['firstName']),
    });
    assert.equal(matches.length, 1);
  });

  it('finds variables in each syntax and skips helpers and sections', () => {
    assert.deepEqual(
      findTemplateVariables('{{role "system"}} {{#each docs}}{{this}}{{/each}} {{ question | trim }}', 'mustache').map(
        (v) => v.name,
      ),
      ['question'],
    );
    assert.deepEqual(
      findTemplateVariables('{% for doc in documents %}{{ doc.content }}{% endfor %}', 'jinja').map((v) => v.name),
      ['documents', 'doc.content'],
    );
    assert.deepEqual(
      findTemplateVariables('Hi {name}, {{literal}} {count:>3}', 'fstring').map((v) => v.name),
      ['name', 'count'],
    );
  });
});
