import type { HostKernel } from './hostKernel';

export const ADAM_STEP = 'RmlAdamStep';

/**
 * One Adam update of a variable in a single pass (Kingma & Ba 2015, with tfjs' bias correction and ε outside the
 * square root): m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g², p' = p − lr·(m'/(1−β₁ᵗ)) / (√(v'/(1−β₂ᵗ)) + ε).
 * Inputs param, gradient, m, v of one shape → outputs [param', m', v']. tfjs' own Adam runs about twelve
 * element-wise kernels per variable; on the cpu backend those dominate a step of the text model (≈250 ms of it).
 */
export const adamStep: HostKernel = {
  kernelName: ADAM_STEP,
  inputNames: ['param', 'gradient', 'm', 'v'],
  outputShapes: ([param]) => [param!.shape, param!.shape, param!.shape],
  compute([param, gradient, m, v], _shapes, [paramOut, mOut, vOut], attrs) {
    const learningRate = attrs.learningRate as number;
    const beta1 = attrs.beta1 as number;
    const beta2 = attrs.beta2 as number;
    const epsilon = attrs.epsilon as number;
    const step = attrs.step as number;
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let i = 0; i < param!.length; i++) {
      const g = gradient![i]!;
      const first = beta1 * m![i]! + (1 - beta1) * g;
      const second = beta2 * v![i]! + (1 - beta2) * g * g;
      mOut![i] = first;
      vOut![i] = second;
      paramOut![i] = param![i]! - (learningRate * (first / correction1)) / (Math.sqrt(second / correction2) + epsilon);
    }
  },
};
