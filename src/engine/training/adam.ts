import * as tf from '@tensorflow/tfjs';
import { ADAM_STEP, hasKernel } from '../compute';

interface Moments {
  m: tf.Variable;
  v: tf.Variable;
}

/**
 * Adam with the same maths as `tf.train.adam` (β₁ 0.9, β₂ 0.999, ε 1e-7), applied by one fused kernel per variable
 * where the backend has it (cpu, wasm) and by tfjs ops elsewhere (native TensorFlow).
 */
export class AdamTrainer {
  private step = 0;
  private readonly moments = new Map<tf.Variable, Moments>();

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {}

  /** Computes `loss` and its gradients, updates `variables`, and returns the loss (the caller disposes it). */
  minimize(loss: () => tf.Scalar, variables: tf.Variable[]): tf.Scalar {
    const { value, grads } = tf.variableGrads(loss, variables);
    this.step += 1;
    const fused = hasKernel(ADAM_STEP);
    for (const variable of variables) {
      const gradient = grads[variable.name];
      if (!gradient) continue;
      const moments = this.momentsOf(variable);
      tf.tidy(() => {
        const [param, m, v] = fused
          ? this.fusedUpdate(variable, gradient, moments)
          : this.composedUpdate(variable, gradient, moments);
        variable.assign(param!);
        moments.m.assign(m!);
        moments.v.assign(v!);
      });
    }
    tf.dispose(Object.values(grads));
    return value;
  }

  dispose(): void {
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }

  private momentsOf(variable: tf.Variable): Moments {
    let moments = this.moments.get(variable);
    if (!moments) {
      // Inside tidy: the zero tensors go, the variables made from them stay.
      moments = tf.tidy(() => ({
        m: tf.zerosLike(variable).variable(false),
        v: tf.zerosLike(variable).variable(false),
      }));
      this.moments.set(variable, moments);
    }
    return moments;
  }

  private fusedUpdate(variable: tf.Variable, gradient: tf.Tensor, { m, v }: Moments): tf.Tensor[] {
    const attrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      step: this.step,
    };
    return tf.engine().runKernel(ADAM_STEP, { param: variable, gradient, m, v }, attrs) as tf.Tensor[];
  }

  private composedUpdate(variable: tf.Variable, gradient: tf.Tensor, { m, v }: Moments): tf.Tensor[] {
    const first = tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1));
    const second = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
    const correctedFirst = tf.div(first, 1 - this.beta1 ** this.step);
    const correctedSecond = tf.div(second, 1 - this.beta2 ** this.step);
    const update = tf.mul(tf.div(correctedFirst, tf.add(tf.sqrt(correctedSecond), this.epsilon)), this.learningRate);
    return [tf.sub(variable, update), first, second];
  }
}
