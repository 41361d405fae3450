import * as tf from '@tensorflow/tfjs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeDirectoryAtomically } from '../io';
import { encodeRecords, type Preprocessing } from './features/preprocessing';
import { probabilityRows } from './models/classifiers';
import './models/embeddingBag'; // registers the custom layers, so saved text models load
import './models/transformerLayers';

export const MODEL_FILES = {
  topology: 'model.json',
  weights: 'weights.bin',
  preprocessing: 'preprocessing.json',
} as const;

/**
 * Saves `model` as tfjs `model.json` + `weights.bin`, with `preprocessing.json`, into `dir` atomically: the files go
 * to a temporary directory renamed to `dir` at the end. A custom `tf.io` handler, because `file://` needs tfjs-node.
 */
export async function saveTrainedModel(
  model: tf.LayersModel,
  dir: string,
  preprocessing: Preprocessing,
): Promise<void> {
  await writeDirectoryAtomically(dir, async (tempDir) => {
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const modelJson: tf.io.ModelJSON = {
          modelTopology: artifacts.modelTopology as object,
          format: artifacts.format ?? 'layers-model',
          generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
          convertedBy: artifacts.convertedBy ?? null,
          weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
        };
        const weights = Buffer.from(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
        await writeFile(path.join(tempDir, MODEL_FILES.weights), weights);
        await writeFile(path.join(tempDir, MODEL_FILES.topology), `${JSON.stringify(modelJson)}\n`);
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    );
    await writeFile(path.join(tempDir, MODEL_FILES.preprocessing), `${JSON.stringify(preprocessing, null, 2)}\n`);
  });
}

export interface TrainedModel {
  model: tf.LayersModel;
  preprocessing: Preprocessing;
}

/** Loads a model saved by `saveTrainedModel` (a run's `model/` directory) on the active backend. */
export async function loadTrainedModel(dir: string): Promise<TrainedModel> {
  const modelJson = JSON.parse(await readFile(path.join(dir, MODEL_FILES.topology), 'utf8')) as tf.io.ModelJSON;
  const preprocessing = JSON.parse(await readFile(path.join(dir, MODEL_FILES.preprocessing), 'utf8')) as Preprocessing;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs = manifest.flatMap((group) => group.weights);
    const buffers = await Promise.all(
      manifest.flatMap((group) => group.paths).map((file) => readFile(path.join(dir, file))),
    );
    const joined = Buffer.concat(buffers);
    return [specs, joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength)];
  });
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  return { model, preprocessing };
}

/** Class probabilities for raw records (column → value): one row per record, columns in `preprocessing.classes` order. */
export function predictRecords(
  trained: TrainedModel,
  records: ReadonlyArray<Readonly<Record<string, string>>>,
): number[][] {
  return tf.tidy(() => {
    const input = encodeRecords(trained.preprocessing, records);
    return probabilityRows(trained.model.predict(input) as tf.Tensor2D).arraySync();
  });
}
