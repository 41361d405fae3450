import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePromptFile } from '../../../src/engine/prompt/promptFile';
import { scanPromptFile } from '../../../src/engine/prompt/scanPromptFile';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/prompts', name), 'utf8');

describe('prompt files', () => {
  it('parses prompty front matter, declared inputs with positions, and role sections', () => {
    // firstName counts as user-controlled because its description says the customer supplies it.
    const text = fixture('support.prompty');
    const parsed = parsePromptFile(text, 'support.prompty');
    assert.equal(parsed.format, 'prompty');
    assert.equal(parsed.templateSyntax, 'jinja');
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(
      parsed.inputs.map((input) => [input.name, input.userControlled]),
      [
        ['firstName', true],
        ['question', true],
        ['documents', true],
      ],
    );
    const question = parsed.inputs[1]!;
    assert.equal(text.slice(question.start, question.end), 'question');
    assert.deepEqual(question.range.start, { line: 11, character: 2 });
    assert.deepEqual(
      parsed.sections.map((section) => section.role),
      ['system', 'user'],
    );
    const system = parsed.sections[0]!;
    assert.ok(text.slice(system.start, system.end).startsWith('You are a support assistant'));
    assert.equal(text.slice(system.marker!.start, system.marker!.end), 'system:');
    assert.equal(text.slice(parsed.sections[1]!.start, parsed.sections[1]!.end).trim(), '{{question}}');
    assert.deepEqual(
      parsed.variables.map((variable) => [variable.name, variable.role, variable.declared]),
      [
        ['firstName', 'system', true],
        ['question', 'system', true],
        ['documents', 'system', true],
        ['doc.content', 'system', false],
        ['question', 'user', true],
      ],
    );
  });

  it('treats prompty text before the first role marker as the system message', () => {
    const parsed = parsePromptFile('---\nname: x\n---\nYou are terse.\nuser:\n{{q}}\n', 'x.prompty');
    assert.deepEqual(
      parsed.sections.map((section) => section.role),
      ['system', 'user'],
    );
  });

  it('parses dotprompt role helpers and its Picoschema inputs', () => {
    const parsed = parsePromptFile(fixture('summarize.prompt'), 'summarize.prompt');
    assert.equal(parsed.format, 'dotprompt');
    assert.equal(parsed.templateSyntax, 'mustache');
    assert.deepEqual(
      parsed.inputs.map((input) => input.name),
      ['article', 'style'],
    );
    assert.deepEqual(
      parsed.sections.map((section) => section.role),
      ['system', 'user'],
    );
    assert.deepEqual(
      parsed.variables.map((variable) => variable.name),
      ['style', 'article'],
    );
  });

  it('reports YAML errors with their place and still finds the body', () => {
    const parsed = parsePromptFile(fixture('broken.prompty'), 'broken.prompty');
    assert.ok(parsed.issues.length > 0);
    assert.match(parsed.issues[0]!.message, /^front matter:/);
    assert.ok(parsed.issues[0]!.range.start.line >= 1 && parsed.issues[0]!.range.start.line <= 3);
    assert.deepEqual(
      parsed.sections.map((section) => section.role),
      ['system'],
    );
  });

  it('scans each section as its role, with offsets into the whole file', () => {
    const text = fixture('support.prompty');
    const { matches } = scanPromptFile(text, 'support.prompty');
    const byCode = (code: string) =>
      matches.filter((match) => match.code === code).map((match) => text.slice(match.start, match.end));
    assert.deepEqual(byCode('prompt/unsafe-template'), [
      '{{firstName}}',
      '{{question}}',
      'documents',
      '{{ doc.content }}',
      '{{question}}',
    ]);
    assert.ok(byCode('prompt/excessive-agency').some((span) => /without asking for approval/.test(span)));
    const { matches: fenced } = scanPromptFile(fixture('summarize.prompt'), 'summarize.prompt');
    assert.deepEqual(
      fenced.map((match) => match.code),
      [],
    );
  });

  it('reads a plain markdown prompt as one prompt-file section', () => {
    const parsed = parsePromptFile('# Prompt\nSummarize {{text}}', 'prompts/a.md');
    assert.equal(parsed.format, 'text');
    assert.equal(parsed.sections.length, 1);
    assert.equal(parsed.sections[0]!.role, undefined);
    assert.equal(parsed.templateSyntax, 'mustache');
  });
});
