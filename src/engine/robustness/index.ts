/** The robustness folder's front door: what other folders use of it. */
export { frequentWords, hotFlipAttack, type HotFlipResult } from './hotflip';
export { PERTURBATION_DESCRIPTIONS, type PerturbationName, PERTURBATIONS } from './perturbations';
export { runPerturbationSuite, runSuite, type ItemSuiteResult, type SuiteResult } from './suite';
export {
  perturbRow,
  TABULAR_PERTURBATION_DESCRIPTIONS,
  TABULAR_PERTURBATIONS,
  type TableRow,
  type TabularPerturbationName,
} from './tabularPerturbations';
