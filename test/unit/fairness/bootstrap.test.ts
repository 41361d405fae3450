import { strict as assert } from 'node:assert';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { forEachResample, percentileInterval, quantileOfSorted } from '../../../src/engine/fairness/bootstrap';
import { fairnessReport } from '../../../src/engine/fairness/report';
import { assertClose, FAIRLEARN_DOCS } from './helpers';

describe('bootstrap', () => {
  // numpy.quantile(method='linear'), the default Fairlearn's bootstrap uses: values worked from its definition.
  it('takes quantiles as numpy does', () => {
    assertClose(quantileOfSorted([1, 2, 3, 4], 0.25), 1.75, 'q25');
    assertClose(quantileOfSorted([1, 2, 3, 4], 0.5), 2.5, 'median');
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assertClose(quantileOfSorted(ten, 0.025), 1.225, 'q2.5');
    assertClose(quantileOfSorted(ten, 0.975), 9.775, 'q97.5');
    assert.equal(quantileOfSorted([3], 0.9), 3);
  });

  it('reads a percentile interval, skipping undefined resamples', () => {
    assert.deepEqual(percentileInterval([10, NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9, Infinity], 0.95), {
      lower: 1.225,
      upper: 9.775,
      resamples: 10,
    });
    assert.equal(percentileInterval([NaN], 0.95), null);
  });

  it('draws n examples per resample, the same ones for the same seed', () => {
    const draws = (seed: number) => {
      const all: number[][] = [];
      forEachResample(50, { resamples: 5, seed }, (multiplicity) => {
        assert.equal(
          multiplicity.reduce((a, b) => a + b, 0),
          50,
        );
        all.push([...multiplicity]);
      });
      return all;
    };
    assert.deepEqual(draws(3), draws(3));
    assert.notDeepEqual(draws(3), draws(4));
    assert.notDeepEqual(draws(3)[0], draws(3)[1], 'resamples differ from one another');
  });

  it('computes the report statistic on exactly the drawn rows', () => {
    // Replays the resampling by hand: the overall selection rate of each resample, then its percentiles.
    const n = FAIRLEARN_DOCS.yPred.length;
    const rng = xoroshiro128plus(99);
    const rates: number[] = [];
    for (let r = 0; r < 400; r++) {
      let selected = 0;
      for (let draw = 0; draw < n; draw++) selected += FAIRLEARN_DOCS.yPred[uniformInt(rng, 0, n - 1)] ?? 0;
      rates.push(selected / n);
    }
    const expected = percentileInterval(rates, 0.9);
    const report = fairnessReport({
      yTrue: FAIRLEARN_DOCS.yTrue.map(String),
      yPred: FAIRLEARN_DOCS.yPred.map(String),
      sensitive: { group: FAIRLEARN_DOCS.group },
      posLabel: '1',
      bootstrap: { resamples: 400, seed: 99, level: 0.9 },
    });
    assert.deepEqual(report.intervals?.overall.selectionRate, expected);
  });
});
