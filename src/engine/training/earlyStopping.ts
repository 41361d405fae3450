import * as tf from '@tensorflow/tfjs';
import type { EarlyStoppingSettings } from './config';

export type EpochOutcome = 'improved' | 'waiting' | 'stop';

/**
 * Keras' `EarlyStopping(monitor='val_loss', mode='min', restore_best_weights=True)`: an epoch improves when its
 * validation loss is below the best by more than `minDelta`; after `patience` epochs without improvement, stop.
 * A non-finite loss never improves. Without settings every epoch counts as the best so far (train them all).
 */
export class EarlyStopping {
  bestEpoch = 0;
  bestLoss = Infinity;
  private waited = 0;

  constructor(private readonly settings: EarlyStoppingSettings | undefined) {}

  observe(epoch: number, validationLoss: number): EpochOutcome {
    if (this.settings === undefined) {
      this.bestEpoch = epoch;
      if (Number.isFinite(validationLoss)) this.bestLoss = Math.min(this.bestLoss, validationLoss);
      return 'improved';
    }
    if (Number.isFinite(validationLoss) && validationLoss < this.bestLoss - this.settings.minDelta) {
      this.bestEpoch = epoch;
      this.bestLoss = validationLoss;
      this.waited = 0;
      return 'improved';
    }
    this.waited++;
    return this.waited >= this.settings.patience ? 'stop' : 'waiting';
  }
}

/** A copy of a model's weights (every weight tensor, trainable or not), to put back after later epochs. */
export class SavedWeights {
  private saved: tf.Tensor[] | undefined;

  keep(model: tf.LayersModel): void {
    this.dispose();
    this.saved = tf.tidy(() => model.getWeights().map((weight) => weight.clone()));
  }

  /** Puts the kept weights back (a no-op when none were kept). */
  restore(model: tf.LayersModel): void {
    if (this.saved) model.setWeights(this.saved);
  }

  dispose(): void {
    if (this.saved) tf.dispose(this.saved);
    this.saved = undefined;
  }
}
