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

  it('stops looking after a trial of 4,096 lookups with few hits, and tries again 65,536 lookups later', () => {
    const recent = new RecentValues<number>();
    for (let i = 0; i < 4096; i++) {
      if (recent.get(`value ${i}`) === undefined) recent.set(`value ${i}`, i);
    }
    recent.set('again', 1);
    assert.equal(recent.get('again'), undefined, 'paused: nothing kept, nothing found');
    for (let i = 0; i < 65_535; i++) recent.get('again');
    recent.set('again', 1);
    assert.equal(recent.get('again'), 1, 'looking again');
    // A trial with enough hits keeps it looking.
    for (let i = 0; i < 8192; i++) assert.equal(recent.get('again'), 1);
  });
});
