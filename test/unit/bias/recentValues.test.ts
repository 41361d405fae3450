import assert from 'node:assert/strict';
import { RecentValues } from '../../../src/engine/bias/recentValues';
import { auditCsv, csvOf, seededRandom } from './helpers';

describe('bias: what recent text values gave, remembered', () => {
  it('gives the audit of a table with repeated values exactly as without remembering (duplicates, terms, ranges)', () => {
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const templates = [
      'my wife said the delivery was late',
      'An old man asked for a refund',
      'a gay couple thanked the support team',
      'ok',
      'OK!',
      'great service, a Muslim neighbour said',
      'the women and the men agreed',
      '',
    ];
    // Repeats of a few values (exact copies, the same text in another case, one-off near copies) at many rows.
    const rows = Array.from({ length: 900 }, (_, i) => {
      const text = random() < 0.8 ? pick(templates) : `${pick(templates)} ${pick(['again', 'today', 'twice'])} ${i}`;
      return [i, text, pick(['yes', 'no']), pick(['a', 'b'])];
    });
    const csv = csvOf(['id', 'comment', 'label', 'group'], rows);
    const options = { label: 'label', sensitive: ['group'], textColumns: ['comment'] };
    const remembered = auditCsv(csv, options);
    const worked = auditCsv(csv, { ...options, rememberValues: false });
    assert.ok(remembered.duplicates.exact > 100, `exact duplicates ${remembered.duplicates.exact}`);
    assert.ok(remembered.identityTerms.length > 3, `identity terms ${remembered.identityTerms.length}`);
    assert.deepEqual(remembered, worked);
  });

  it('keeps at most its capacity, and no value longer than its limit', () => {
    const recent = new RecentValues<number>(2, 5);
    recent.set('a', 1);
    recent.set('b', 2);
    assert.equal(recent.get('a'), 1);
    recent.set('c', 3);
    assert.equal(recent.get('a'), undefined, 'dropped when full');
    assert.equal(recent.get('c'), 3);
    recent.set('longer', 4);
    assert.equal(recent.get('longer'), undefined);
    const none = new RecentValues<number>(0);
    none.set('a', 1);
    assert.equal(none.get('a'), undefined);
  });
});
