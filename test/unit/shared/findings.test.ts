import { strict as assert } from 'node:assert';
import { isAtLeast } from '../../../src/shared/findings';

describe('severity order', () => {
  it('treats error as at least warning, and hint as below information', () => {
    assert.equal(isAtLeast('error', 'warning'), true);
    assert.equal(isAtLeast('hint', 'information'), false);
    assert.equal(isAtLeast('warning', 'warning'), true);
  });
});
