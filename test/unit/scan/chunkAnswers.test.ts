import { strict as assert } from 'node:assert';
import { answersOfTable, type ChunkTask } from '../../../src/engine/scan/chunkScan';

const task = (
  changes: { config?: ChunkTask['request']['config']; names?: string[]; path?: string } = {},
): ChunkTask => ({
  path: changes.path ?? '/data/customers.csv',
  request: { file: 'customers.csv', relativePath: 'customers.csv', format: 'csv', config: changes.config ?? {} },
  state: {
    delimiter: ',',
    names: changes.names ?? ['id', 'email'],
    expected: 2,
    expectedFrom: 'header',
    recordIndex: 7,
  },
  start: 4096,
  exact: false,
  end: 8192,
});

describe('answersOfTable (column memos kept from chunk to chunk on one thread)', () => {
  it('gives the chunks of one table the same memos, wherever each chunk starts', () => {
    const first = answersOfTable(task());
    const later = answersOfTable({ ...task(), start: 1 << 24, end: Number.POSITIVE_INFINITY });
    assert.equal(later, first);
  });

  it('starts afresh for another file, column names, region or enabled checks: the answers depend on them', () => {
    const kept = answersOfTable(task());
    for (const other of [
      task({ path: '/data/other.csv' }),
      task({ names: ['id', 'phone'] }),
      task({ config: { pii: { defaultRegion: 'GB' } } }),
      task({ config: { checks: { 'pii/email': false } } }),
    ]) {
      const answers = answersOfTable(other);
      assert.notEqual(answers, kept);
      assert.equal(answers.length, 0);
    }
  });
});
