/** The robustness folder's front door: what other folders use of it. */
export { frequentWords, hotFlipAttack, type HotFlipResult } from './hotflip';
export { type PerturbationName, PERTURBATIONS } from './perturbations';
export { runPerturbationSuite, type SuiteResult } from './suite';
