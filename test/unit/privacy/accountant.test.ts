import { strict as assert } from 'node:assert';
import {
  DEFAULT_ORDERS,
  epsilonFor,
  noiseMultiplierFor,
  privacySpent,
  RdpAccountant,
  stepsForEpochs,
} from '../../../src/engine/privacy/accountant';
import { computeRdp, logErfc } from '../../../src/engine/privacy/rdp';

const close = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} ≠ ${expected} ± ${tolerance}`);

describe('RDP accountant (Opacus / TF Privacy)', () => {
  it("has Opacus's default orders: 1.1 … 10.9 then 12 … 63", () => {
    assert.equal(DEFAULT_ORDERS.length, 99 + 52);
    assert.equal(DEFAULT_ORDERS[0], 1.1);
    assert.equal(DEFAULT_ORDERS[98], 10.9);
    assert.equal(DEFAULT_ORDERS[99], 12);
    assert.equal(DEFAULT_ORDERS.at(-1), 63);
  });

  it('σ 1.5, q 0.04, 2250 steps, δ 1e-5 → ε 7.32911117143 (improved conversion)', () => {
    // Source: opacus/tests/accountants_test.py::test_rdp_accountant (assertAlmostEqual, 7 places).
    const spent = epsilonFor(1.5, 0.04, 2250, 1e-5);
    close(spent.epsilon, 7.32911117143, 5e-8, 'ε');
    assert.equal(spent.conversion, 'improved');
    // The same through the accountant, one step at a time.
    const accountant = new RdpAccountant();
    for (let step = 0; step < 2250; step++) accountant.step(1.5, 0.04);
    assert.deepEqual(accountant.history, [{ noiseMultiplier: 1.5, sampleRate: 0.04, steps: 2250 }]);
    close(accountant.privacySpent(1e-5).epsilon, 7.32911117143, 5e-8, 'accountant ε');
  });

  it('the classic conversion gives a larger ε on the same RDP curve', () => {
    const improved = epsilonFor(1.5, 0.04, 2250, 1e-5).epsilon;
    const classic = epsilonFor(1.5, 0.04, 2250, 1e-5, { conversion: 'classic' });
    assert.equal(classic.conversion, 'classic');
    assert.ok(
      classic.epsilon > improved * 1.05 && classic.epsilon < improved * 1.2,
      `${classic.epsilon} vs ${improved}`,
    );
  });

  it('conversion only: rdp 1.1 at orders 2..32, δ 1e-5 → 1.32783806176 at order 32; classic 1.47138', () => {
    // Source: tensorflow_privacy rdp_accountant_test.py::test_get_privacy_spent_check_target_delta.
    const orders = Array.from({ length: 31 }, (_, k) => k + 2);
    const improved = privacySpent(
      orders,
      orders.map(() => 1.1),
      1e-5,
    );
    close(improved.epsilon, 1.32783806176, 1e-10);
    assert.equal(improved.order, 32);
    assert.match(improved.warning ?? '', /largest/);
    // By hand: 1.1 − ln(1e-5)/31 = 1.1 + 11.512925465/31.
    close(
      privacySpent(
        orders,
        orders.map(() => 1.1),
        1e-5,
        'classic',
      ).epsilon,
      1.1 + 11.512925464970229 / 31,
      1e-12,
    );
    close(
      privacySpent(
        orders,
        orders.map(() => 1.1),
        1e-5,
        'classic',
      ).epsilon,
      1.47138,
      1e-5,
    );
  });

  it("compute_rdp matches TF Privacy's tests", () => {
    // Source: tensorflow_privacy rdp_accountant_test.py.
    close(computeRdp(0.1, 2, 10, [5])[0]!, 0.07737, 5e-6, 'scalar');
    assert.equal(computeRdp(1, 10, 1, [20])[0], 0.1); // q = 1: α/(2σ²)
    assert.equal(computeRdp(0, 10, 1, [20])[0], 0);
    const sequence = computeRdp(0.01, 2.5, 50, [1.5, 2.5, 5, 50, 100, Infinity]);
    [0.00065, 0.001085, 0.00218075, 0.023846, 167.416307].forEach((expected, k) =>
      close(sequence[k]!, expected, 1e-5, `order ${k}`),
    );
    assert.equal(sequence[5], Infinity);
  });

  it('a Gaussian scaled for exactly (1, 1e-6)-DP gives ε 1 over a fine grid of orders', () => {
    // Source: tensorflow_privacy rdp_accountant_test.py (second case of test_get_privacy_spent_check_target_delta).
    const orders = Array.from({ length: 99000 }, (_, k) => 0.001 * (k + 1000));
    const spent = privacySpent(orders, computeRdp(1, 4.530877117, 1, orders), 1e-6);
    close(spent.epsilon, 1, 5e-8);
  });

  it('log(erfc(x)) stays finite where erfc underflows', () => {
    close(logErfc(0), 0, 1e-15);
    close(logErfc(3), Math.log(2.209049699858544e-5), 1e-12);
    // Asymptotically log erfc(x) ≈ −x² − log(x√π) − 1/(2x²).
    const x = 40;
    close(logErfc(x), -x * x - Math.log(x * Math.sqrt(Math.PI)) - 1 / (2 * x * x), 1e-6);
  });

  it("get_noise_multiplier: Opacus's doubling then bisection, never above the target", () => {
    const steps = stepsForEpochs(90, 0.04);
    assert.equal(steps, 2250);
    const sigma = noiseMultiplierFor({ targetEpsilon: 7.32911117143, delta: 1e-5, sampleRate: 0.04, steps });
    const reached = epsilonFor(sigma, 0.04, steps, 1e-5).epsilon;
    assert.ok(reached <= 7.32911117143 && 7.32911117143 - reached <= 0.01, `ε ${reached} at σ ${sigma}`);
    assert.ok(sigma >= 1.5 && sigma < 1.51, `σ ${sigma}`);
    // The search is a bisection of [0, 20]: σ is 20·k/2^m for integers k, m.
    const scaled = (sigma / 20) * 2 ** 20;
    assert.equal(scaled, Math.round(scaled));
    assert.throws(
      () => noiseMultiplierFor({ targetEpsilon: 1e-9, delta: 1e-5, sampleRate: 0.5, steps: 1e6 }),
      /too low/,
    );
  });
});
