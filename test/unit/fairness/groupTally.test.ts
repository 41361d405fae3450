import { strict as assert } from 'node:assert';
import { mergeTally, tallyGroups, type BinaryOutcomes } from '../../../src/engine/fairness/groupTally';
import { sensitiveGroups } from '../../../src/engine/fairness/groups';

describe('group tallies', () => {
  const sex = ['F', 'M', 'F', 'M', 'F', 'F'];
  const race = ['x', 'x', 'y', 'y', 'z', 'x'];
  const outcomes: BinaryOutcomes = {
    actualPositive: Uint8Array.from([1, 0, 1, 1, 0, 0]),
    predictedPositive: Uint8Array.from([1, 1, 0, 1, 0, 1]),
    weight: Float64Array.from([0.5, 1.25, 2, 0.75, 3, 1]),
  };

  it('counts each example as often as it was drawn', () => {
    const groups = sensitiveGroups({ sex }, 6);
    const tally = tallyGroups(outcomes, groups.groupOf, 2, Uint32Array.from([2, 0, 1, 0, 0, 3]));
    // F: example 0 (TP, weight 0.5) twice, example 2 (FN, 2) once, example 5 (FP, 1) three times.
    assert.deepEqual([...tally.cells.subarray(0, 4)], [0, 3, 2, 1]);
    assert.deepEqual([...tally.counts], [6, 0]);
  });

  it('folds the intersection tally into one column tally exactly as tallying the column directly', () => {
    const intersection = sensitiveGroups({ sex, race }, 6);
    const column = sensitiveGroups({ sex }, 6);
    const drawn = Uint32Array.from([1, 2, 0, 1, 3, 1]);
    const fine = tallyGroups(outcomes, intersection.groupOf, intersection.names.length, drawn);
    const sexOf = Uint32Array.from(intersection.values, (tuple) => column.names.indexOf(tuple[0] ?? ''));
    const merged = mergeTally(fine, sexOf, column.names.length);
    const direct = tallyGroups(outcomes, column.groupOf, column.names.length, drawn);
    merged.cells.forEach((value, cell) => assert.ok(Math.abs(value - (direct.cells[cell] ?? NaN)) < 1e-12));
    assert.deepEqual([...merged.counts], [...direct.counts]);
  });
});
