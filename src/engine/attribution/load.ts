import { loadTrainedModel, type TrainedModel } from '../training';
import { EmbeddingBagAttributionModel } from './adapters/embeddingBag';
import { TabularAttributionModel } from './adapters/tabular';
import { TransformerAttributionModel } from './adapters/transformer';
import type { AttributionModel } from './model';

/**
 * Adapters by the kind of saved model, tried in order; the first that takes the model wins (the transformer, a
 * text model with BPE tokens, before the embedding bag).
 */
const ADAPTERS: Array<(trained: TrainedModel) => AttributionModel | undefined> = [
  (trained) =>
    trained.preprocessing.kind === 'text' && trained.preprocessing.bpe
      ? new TransformerAttributionModel(trained)
      : undefined,
  (trained) => (trained.preprocessing.kind === 'text' ? new EmbeddingBagAttributionModel(trained) : undefined),
  (trained) => (trained.preprocessing.kind === 'tabular' ? new TabularAttributionModel(trained) : undefined),
];

/** The attribution adapter for a loaded model. */
export function attributionModelFor(trained: TrainedModel): AttributionModel {
  for (const adapter of ADAPTERS) {
    const model = adapter(trained);
    if (model) return model;
  }
  throw new Error(`no attribution adapter for a '${(trained.preprocessing as { kind: string }).kind}' model`);
}

/** Loads a run's `model/` directory (on the active tfjs backend) as an attribution model. */
export async function loadAttributionModel(modelDir: string): Promise<AttributionModel> {
  const trained = await loadTrainedModel(modelDir);
  try {
    return attributionModelFor(trained);
  } catch (error) {
    trained.model.dispose();
    throw error;
  }
}
