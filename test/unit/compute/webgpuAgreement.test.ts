import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import {
  machineWebGpuDeps,
  releaseWebGpu,
  selectBackend,
  webgpuLoader,
  type SelectedBackend,
} from '../../../src/engine/compute';
import { AdamTrainer, buildTabularClassifier, buildTextClassifier, crossEntropy } from '../../../src/engine/training';
import type { ResolvedModelSpec } from '../../../src/shared/training';

/**
 * Every model trains on webgpu (here: Mesa's llvmpipe software adapter, as in CI) with the numbers it has on cpu.
 * cpu runs the engine's fused JavaScript kernels (embedding bag, Adam); webgpu runs tfjs ops composed to the same
 * maths, in float32 on the device: the two agree to float32 rounding, which a few Adam steps do not amplify.
 */
// Measured on llvmpipe: at most 1.2e-7 either way (the transformer's too); the tolerances leave a hundredfold margin.
const LOSS_TOLERANCE = 1e-5; // relative, per step
const PROBABILITY_TOLERANCE = 1e-5; // absolute, per prediction
const STEPS = 5;

const SPEC: ResolvedModelSpec = {
  kind: 'logistic-regression',
  hiddenUnits: 0,
  embeddingDim: 16,
  hashBuckets: 2048,
  maxTokens: 32,
  wordBigrams: true,
  charNgrams: [3],
  maxCategories: 50,
};

interface Problem {
  build(): tf.LayersModel;
  /** One batch's input: [batch, width] float32 or [batch, length] int32 ids. */
  input(): tf.Tensor;
  labels: Int32Array;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function tabular(kind: 'logistic-regression' | 'mlp', classes: number): Problem {
  const next = random(7);
  const width = 12;
  const rows = 64;
  const values = Float32Array.from({ length: rows * width }, () => next() * 2 - 1);
  const labels = Int32Array.from(
    { length: rows },
    (_, row) => Math.floor(Math.abs(values[row * width]! * classes)) % classes,
  );
  const spec = { ...SPEC, kind, hiddenUnits: kind === 'mlp' ? 16 : 0 };
  return {
    build: () => buildTabularClassifier(spec, width, classes, 42),
    input: () => tf.tensor2d(values, [rows, width]),
    labels,
  };
}

function embeddingBag(): Problem {
  const next = random(11);
  const rows = 64;
  const length = SPEC.maxTokens;
  // Ids 1…hashBuckets−1, then padding (0) after a per-row length, as the hashed-n-gram encoder produces them.
  const ids = new Int32Array(rows * length);
  for (let row = 0; row < rows; row++) {
    const used = 4 + Math.floor(next() * (length - 4));
    for (let position = 0; position < used; position++)
      ids[row * length + position] = 1 + Math.floor(next() * (SPEC.hashBuckets - 1));
  }
  const labels = Int32Array.from({ length: rows }, (_, row) => ids[row * length]! % 2);
  const spec = { ...SPEC, kind: 'text-embedding-bag' as const, hiddenUnits: 8 };
  return {
    build: () => buildTextClassifier(spec, 2, 42),
    input: () => tf.tensor2d(ids, [rows, length], 'int32'),
    labels,
  };
}

/** A 2-layer, 2-head transformer of width 16 over the same kind of ids (layer norm, softmax attention, padding mask). */
function transformer(): Problem {
  const text = embeddingBag();
  const spec: ResolvedModelSpec = {
    ...SPEC,
    kind: 'transformer',
    transformer: { layers: 2, heads: 2, width: 16, feedForward: 32 },
  };
  return { ...text, build: () => buildTextClassifier(spec, 2, 42) };
}

/** Trains `STEPS` Adam steps on the active backend; returns each step's loss and the final probabilities. */
async function train(problem: Problem): Promise<{ losses: number[]; probabilities: Float32Array }> {
  const model = problem.build();
  const optimizer = new AdamTrainer(0.05);
  const input = problem.input();
  const labels = tf.tensor1d(problem.labels, 'int32');
  const binary = model.outputs[0]!.shape[1] === 1;
  const losses: number[] = [];
  try {
    for (let step = 0; step < STEPS; step++) {
      const loss = optimizer.minimize(
        () => tf.mean(crossEntropy(model.apply(input, { training: true }) as tf.Tensor2D, labels, binary)) as tf.Scalar,
        model.trainableWeights.map((weight) => weight.read() as tf.Variable),
      );
      losses.push((await loss.data())[0]!);
      loss.dispose();
    }
    const output = model.predict(input) as tf.Tensor;
    const probabilities = (await output.data()) as Float32Array;
    output.dispose();
    return { losses, probabilities };
  } finally {
    optimizer.dispose();
    model.dispose();
    tf.dispose([input, labels]);
  }
}

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  relative: boolean,
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: lengths`);
  for (let i = 0; i < expected.length; i++) {
    const scale = relative ? Math.max(1e-6, Math.abs(expected[i]!)) : 1;
    const error = Math.abs(actual[i]! - expected[i]!) / scale;
    assert.ok(
      error <= tolerance,
      `${what}[${i}]: webgpu ${actual[i]} vs cpu ${expected[i]} (error ${error.toExponential(2)} > ${tolerance})`,
    );
  }
}

describe('webgpu trains every model with the numbers of cpu', function () {
  this.timeout(180_000);
  let webgpu: SelectedBackend | undefined;

  before(async function () {
    try {
      webgpu = await selectBackend('webgpu', [webgpuLoader(machineWebGpuDeps([]))]);
    } catch (error) {
      const reason = `no WebGPU adapter here (${(error as Error).message})`;
      // CI installs Mesa's Vulkan driver (test/ci/install-vulkan.sh) and sets RML_REQUIRE_WEBGPU=1: there a missing
      // adapter is a failure, not a skip.
      if (process.env.RML_REQUIRE_WEBGPU === '1') throw new Error(`RML_REQUIRE_WEBGPU=1 but ${reason}`);
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
  });

  after(async () => {
    await tf.setBackend('cpu');
    releaseWebGpu();
  });

  it('records the adapter the backend runs on', () => {
    assert.equal(webgpu!.name, 'webgpu');
    assert.ok(webgpu!.adapter, 'adapter recorded');
    assert.ok(webgpu!.adapter.vendor || webgpu!.adapter.description, 'the adapter names itself');
  });

  const problems: Array<[string, () => Problem]> = [
    ['logistic regression', () => tabular('logistic-regression', 2)],
    ['MLP, three classes', () => tabular('mlp', 3)],
    ['embedding-bag text model', embeddingBag],
    ['transformer text model', transformer],
  ];
  for (const [name, make] of problems) {
    it(`${name}: the same losses step by step and the same predictions`, async () => {
      const problem = make();
      await tf.setBackend('webgpu');
      // tfjs-backend-webgpu computes small tensors on the CPU by default; here every op runs on the device.
      tf.env().set('WEBGPU_CPU_FORWARD', false);
      const onGpu = await train(problem);
      await tf.setBackend('cpu');
      const onCpu = await train(problem);
      assert.ok(onCpu.losses[STEPS - 1]! < onCpu.losses[0]!, `cpu learns: ${onCpu.losses.join(', ')}`);
      assertClose(onGpu.losses, onCpu.losses, LOSS_TOLERANCE, true, `${name} loss`);
      assertClose(onGpu.probabilities, onCpu.probabilities, PROBABILITY_TOLERANCE, false, `${name} probability`);
    });
  }
});
