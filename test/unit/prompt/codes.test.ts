import { strict as assert } from 'node:assert';
import { PROMPT_CODES } from '../../../src/engine/prompt/codes';
import { detectPromptRisks } from '../../../src/engine/prompt/detect';

describe('PROMPT_CODES', () => {
  it('documents every code once, with an https link and OWASP 2025 ids for the prompt codes', () => {
    const codes = PROMPT_CODES.map((info) => info.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const info of PROMPT_CODES) {
      assert.match(info.helpUri, /^https:\/\//);
      if (info.code.startsWith('prompt/')) assert.match(info.owasp ?? '', /^LLM0\d:2025$/);
    }
  });

  it('gives each prompt code an example that triggers it', () => {
    for (const info of PROMPT_CODES.filter((entry) => entry.code.startsWith('prompt/'))) {
      // The template and agency examples are system prompts; the README shows the template one with its role marker.
      const asSystem = info.code === 'prompt/unsafe-template' || info.code === 'prompt/excessive-agency';
      const text = info.example.replace(/^system:\n/, '');
      const found = detectPromptRisks(text, { kind: asSystem ? 'system' : 'user', templateSyntax: 'mustache' });
      assert.ok(
        found.some((match) => match.code === info.code),
        `${info.code}: ${info.example}`,
      );
    }
  });
});
