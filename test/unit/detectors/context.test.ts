import { strict as assert } from 'node:assert';
import { contextSignal, scoreWithContext, severityForConfidence, wordsOf } from '../../../src/engine/detectors/context';

const input = (value: string, column = '') => ({ value, context: { column }, defaultRegion: 'US' });

describe('detector context', () => {
  it('splits column names into words the way people write them', () => {
    assert.deepEqual(wordsOf('customerEmail_2'), ['customer', 'email', '2']);
    assert.deepEqual(wordsOf('IPAddress'), ['ip', 'address']);
    assert.deepEqual(wordsOf('messages[].content'), ['messages', 'content']);
    assert.deepEqual(wordsOf('SOCIAL SECURITY NO'), ['social', 'security', 'no']);
  });

  it('maps confidence to severity at the documented thresholds', () => {
    assert.equal(severityForConfidence(1), 'error');
    assert.equal(severityForConfidence(0.8), 'error');
    assert.equal(severityForConfidence(0.79), 'warning');
    assert.equal(severityForConfidence(0.5), 'warning');
    assert.equal(severityForConfidence(0.49), 'information');
    assert.equal(severityForConfidence(0), 'information');
  });

  it('lets a column name support its kind by word, prefix or suffix, but not inside another word', () => {
    assert.equal(contextSignal('email', input('x', 'E-mail'), 0, 1).supports, true);
    assert.equal(contextSignal('phone', input('x', 'phoneNumber'), 0, 1).supports, true);
    assert.equal(contextSignal('credit-card', input('x', 'cc_num'), 0, 1).supports, true);
    assert.equal(contextSignal('us-ssn', input('x', 'Social Security No'), 0, 1).supports, true);
    assert.equal(contextSignal('ip', input('x', 'zip'), 0, 1).supports, false);
    assert.equal(contextSignal('phone', input('x', 'hotel'), 0, 1).supports, false);
  });

  it('reads context words a few words before and after the match in free text', () => {
    const text = 'please call me back at 555 or later';
    const at = text.indexOf('555');
    const signal = contextSignal('phone', input(text), at, at + 3);
    assert.equal(signal.supports, true);
    assert.deepEqual(signal.evidence, ["context word 'call' nearby"]);
    const far = 'call one two three four five six seven 555';
    assert.equal(contextSignal('phone', input(far), far.length - 3, far.length).supports, false);
  });

  it('lowers confidence for contrary columns and words, except for secrets', () => {
    const byColumn = contextSignal('credit-card', input('x', 'order_id'), 0, 1);
    assert.equal(byColumn.contradicts, true);
    assert.deepEqual(byColumn.evidence, [
      "column 'order_id' suggests order values, not card numbers; confidence lowered",
    ]);
    assert.equal(contextSignal('ip', input('build 1.2.3.4'), 6, 13).contradicts, true);
    assert.equal(contextSignal('secret', input('x', 'sha'), 0, 1).contradicts, false);
  });

  it('prefers support over contradiction when a column says both', () => {
    const signal = contextSignal('credit-card', input('x', 'card_id'), 0, 1);
    assert.equal(signal.supports, true);
    assert.equal(signal.contradicts, false);
  });

  it('keeps scores in [0.05, 1], rounded to hundredths', () => {
    const support = contextSignal('email', input('x', 'email'), 0, 1);
    const contrary = contextSignal('email', input('x', 'uuid'), 0, 1);
    assert.equal(scoreWithContext(0.85, support), 1);
    assert.equal(scoreWithContext(0.6, support), 0.85);
    assert.equal(scoreWithContext(0.3, contrary), 0.05);
    assert.equal(scoreWithContext(0.85, contrary), 0.55);
  });
});
