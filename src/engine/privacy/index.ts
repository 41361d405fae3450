/** The privacy folder's front door: what other folders use of it. */
export { DEFAULT_ORDERS, epsilonFor, noiseMultiplierFor, type RdpConversion, stepsForEpochs } from './accountant';
export { DpSgdTrainer, sampleRateFor } from './dpsgd/dpTraining';
export { type DenseChain, denseChainOf } from './dpsgd/perExample';
export { lossThresholdAttack } from './membership';
export { disposeRunSplits, loadRunSplits, perExampleLosses } from './runSplits';
