import assert from 'node:assert/strict';
import {
  benjaminiHochberg,
  chiSquareIndependence,
  chiSquareSurvival,
  cramersV,
  entropy,
  fisherExact,
  mutualInformation,
  uncertaintyCoefficient,
  wilsonInterval,
} from '../../../src/engine/stats';

function close(actual: number, expected: number, tolerance = 1e-9, what = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what} ${actual} ≠ ${expected}`,
  );
}

/** Relative closeness, for p-values far below 1. */
function relativelyClose(actual: number, expected: number, tolerance = 1e-7): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.abs(expected), `${actual} ≠ ${expected}`);
}

describe('stats: Wilson score interval', () => {
  // Reference: SciPy 1.17.1 binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson').
  const cases: Array<[number, number, number, number]> = [
    [8, 10, 0.4901624715366418, 0.9433178485456248],
    [0, 10, 0, 0.27753279986288926],
    [10, 10, 0.7224672001371109, 1],
    [42, 100, 0.32798382674354737, 0.5179351329695704],
    [1, 3, 0.06149194472039626, 0.7923403991979523],
  ];
  for (const [k, n, low, high] of cases) {
    it(`${k}/${n}`, () => {
      const [lo, hi] = wilsonInterval(k, n);
      close(lo, low);
      close(hi, high);
    });
  }
  it('other confidence levels (SciPy: 42/100 at 99 % → [0.30176…, 0.54819…])', () => {
    const [lo, hi] = wilsonInterval(42, 100, 0.99);
    close(lo, 0.3017634651808456);
    close(hi, 0.548191844853686);
  });
  it('an empty sample is the whole unit interval; impossible counts are errors', () => {
    assert.deepEqual(wilsonInterval(0, 0), [0, 1]);
    assert.throws(() => wilsonInterval(3, 2), RangeError);
    assert.throws(() => wilsonInterval(1, 2, 1.5), RangeError);
  });
});

describe('stats: chi-square test of independence', () => {
  it('SciPy chi2_contingency docs example [[10,10,20],[20,20,20]]', () => {
    const result = chiSquareIndependence([
      [10, 10, 20],
      [20, 20, 20],
    ]);
    close(result.statistic, 2.7777777777777777);
    close(result.pValue, 0.24935220877729622);
    assert.equal(result.degreesOfFreedom, 2);
    assert.deepEqual(result.expected, [
      [12, 12, 16],
      [18, 18, 24],
    ]);
    assert.equal(result.minExpected, 12);
  });
  it('2 × 2 with and without Yates correction (SciPy docs aspirin table)', () => {
    const table = [
      [176, 230],
      [21035, 21018],
    ];
    const corrected = chiSquareIndependence(table);
    close(corrected.statistic, 6.892569132546561);
    close(corrected.pValue, 0.008655478161175739);
    const plain = chiSquareIndependence(table, { yatesCorrection: false });
    close(plain.statistic, 7.156900855345259);
    close(plain.pValue, 0.007467611213568741);
  });
  it('small p-values keep their precision (SciPy: [[400,600],[200,800]] → p 2.7278597e-22)', () => {
    const result = chiSquareIndependence([
      [400, 600],
      [200, 800],
    ]);
    close(result.statistic, 94.28809523809525);
    relativelyClose(result.pValue, 2.727859742636281e-22, 1e-9);
  });
  it('survival function matches SciPy chi2.sf', () => {
    relativelyClose(chiSquareSurvival(150, 3), 2.6349139284880416e-32, 1e-9);
    close(chiSquareSurvival(0.5, 1), 0.47950012218695337);
    close(chiSquareSurvival(30, 10), 0.000856641210775301);
    assert.equal(chiSquareSurvival(0, 4), 1);
  });
  it('drops all-zero rows and columns; one row left means no test (p = 1)', () => {
    const result = chiSquareIndependence([
      [10, 0, 10],
      [0, 0, 0],
      [20, 0, 20],
    ]);
    assert.equal(result.degreesOfFreedom, 1);
    assert.equal(chiSquareIndependence([[5, 7]]).pValue, 1);
  });
});

describe("stats: Fisher's exact test", () => {
  // Reference: scipy.stats.fisher_exact (SciPy 1.17.1); the first is the brief's 0.03496503…
  const twoSided: Array<[[[number, number], [number, number]], number, number]> = [
    [
      [
        [8, 2],
        [1, 5],
      ],
      20,
      0.034965034965034975,
    ],
    [
      [
        [6, 2],
        [1, 4],
      ],
      12,
      0.10256410256410256,
    ],
    [
      [
        [1, 9],
        [11, 3],
      ],
      0.030303030303030304,
      0.0027594561852200836,
    ],
    [
      [
        [3, 1],
        [1, 3],
      ],
      9,
      0.48571428571428565,
    ], // R fisher.test(TeaTasting): 0.4857
    [
      [
        [2, 10],
        [15, 3],
      ],
      0.04,
      0.0005367241191434357,
    ], // R fisher.test(Convictions) two-sided
    [
      [
        [0, 5],
        [5, 0],
      ],
      0,
      0.007936507936507938,
    ],
  ];
  for (const [table, oddsRatio, p] of twoSided) {
    it(`two-sided ${JSON.stringify(table)}`, () => {
      const result = fisherExact(table);
      close(result.oddsRatio, oddsRatio);
      relativelyClose(result.pValue, p, 1e-9);
    });
  }
  it('large tables: tails summed outward stay exact (SciPy 9.1323e-16 and 5.1699e-14)', () => {
    relativelyClose(
      fisherExact([
        [300, 700],
        [150, 850],
      ]).pValue,
      9.13232933472751e-16,
      1e-7,
    );
    relativelyClose(
      fisherExact([
        [30, 12],
        [18000, 82000],
      ]).pValue,
      5.169928270914044e-14,
      1e-7,
    );
  });
  it('one-sided alternatives (R: Convictions less 0.0004652; TeaTasting greater 0.2429)', () => {
    relativelyClose(
      fisherExact(
        [
          [2, 10],
          [15, 3],
        ],
        'less',
      ).pValue,
      0.000465180943362905,
      1e-9,
    );
    relativelyClose(
      fisherExact(
        [
          [3, 1],
          [1, 3],
        ],
        'greater',
      ).pValue,
      0.24285714285714283,
      1e-9,
    );
  });
  it('an empty margin gives p = 1 and an undefined odds ratio, as SciPy', () => {
    const result = fisherExact([
      [0, 0],
      [3, 4],
    ]);
    assert.equal(result.pValue, 1);
    assert.ok(Number.isNaN(result.oddsRatio));
  });
  it('rejects non-integer or negative counts', () => {
    assert.throws(
      () =>
        fisherExact([
          [1.5, 2],
          [3, 4],
        ]),
      RangeError,
    );
    assert.throws(
      () =>
        fisherExact([
          [-1, 2],
          [3, 4],
        ]),
      RangeError,
    );
  });
});

describe('stats: Benjamini–Hochberg', () => {
  it('matches SciPy false_discovery_control / R p.adjust("BH")', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.2]);
    [0.03, 0.06, 0.06, 0.03, 0.5, 0.24].forEach((expected, i) => close(q[i] ?? NaN, expected));
  });
  it('matches the 15-test example of Benjamini & Hochberg (1995) as SciPy adjusts it', () => {
    const p = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0,
    ];
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486,
      0.5811818181818181, 0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1.0,
    ];
    benjaminiHochberg(p).forEach((q, i) => close(q, expected[i] ?? NaN));
  });
  it('leaves NaN out of m', () => {
    const q = benjaminiHochberg([0.01, NaN, 0.02]);
    assert.ok(Number.isNaN(q[1]));
    close(q[0] ?? NaN, 0.02);
    close(q[2] ?? NaN, 0.02);
  });
});

describe('stats: association', () => {
  const obs4x2 = [
    [100, 150],
    [203, 322],
    [42, 7],
    [32, 21],
  ];
  it("Cramér's V as SciPy contingency.association(method='cramer')", () => {
    close(cramersV(obs4x2), 0.2338236568314592);
    close(
      cramersV([
        [10, 10, 20],
        [20, 20, 20],
      ]),
      0.16666666666666666,
    );
  });
  it("bias-corrected Cramér's V (Bergsma 2013) shrinks chance association, keeps perfect association at 1", () => {
    // Reference: the formula of Bergsma (2013) evaluated with NumPy on SciPy's chi-square statistic.
    close(cramersV(obs4x2, { biasCorrection: true }), 0.2265114016298405);
    close(
      cramersV(
        [
          [10, 10, 20],
          [20, 20, 20],
        ],
        { biasCorrection: true },
      ),
      0.08748177652797064,
    );
    close(
      cramersV(
        [
          [50, 0],
          [0, 50],
        ],
        { biasCorrection: true },
      ),
      1,
    );
  });
  it('mutual information in nats (sklearn mutual_info_score semantics)', () => {
    close(
      mutualInformation([
        [10, 10, 20],
        [20, 20, 20],
      ]),
      0.013844293808390494,
    );
    close(
      mutualInformation([
        [5, 0],
        [0, 5],
      ]),
      Math.LN2,
    );
    close(mutualInformation(obs4x2), 0.02850958186620626);
    assert.equal(
      mutualInformation([
        [3, 6],
        [1, 2],
      ]),
      0,
    );
  });
  it('entropy and the uncertainty coefficient', () => {
    close(entropy([1, 1]), Math.LN2);
    assert.equal(
      uncertaintyCoefficient([
        [5, 0],
        [0, 5],
      ]),
      1,
    );
    assert.equal(
      uncertaintyCoefficient([
        [3, 6],
        [1, 2],
      ]),
      0,
    );
  });
});
