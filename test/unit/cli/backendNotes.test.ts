import { strict as assert } from 'node:assert';
import { forTerminal } from '../../../src/cli/backendNotes';
import { openItems } from '../../../src/cli/commands/common';
import { ENABLE_GPU_FIX } from '../../../src/engine/compute';

describe('rml: advice and counts in terminal wording', () => {
  it("forTerminal: the editor's command becomes what to do in VS Code and in a terminal", () => {
    const line = `tensorflow (CUDA) backend unavailable, @tensorflow/tfjs-node-gpu is not installed: ${ENABLE_GPU_FIX}. Trying the next backend.`;
    const shown = forTerminal(line);
    assert.match(
      shown,
      /in VS Code, run the command 'Responsible ML: Enable GPU Acceleration'; from a terminal, npm install/,
    );
    assert.ok(!shown.includes(`: ${ENABLE_GPU_FIX}`), shown);
    assert.equal(forTerminal('wasm backend unavailable, boom'), 'wasm backend unavailable, boom');
  });

  it('openItems: singular and plural', () => {
    assert.equal(openItems(1, 1), '1 question for a person, 1 item not recorded');
    assert.equal(openItems(14, 0), '14 questions for a person, 0 items not recorded');
  });
});
