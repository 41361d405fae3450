/** Counterfactual token fairness (Garg et al. 2019): identity-term swaps and the prediction gap they cause. */
export { CounterfactualGenerator, withCase, type Counterfactual } from './counterfactuals';
export {
  COUNTERFACTUAL_CODES,
  COUNTERFACTUAL_GAP,
  counterfactualGapFinding,
  DEFAULT_GAP_THRESHOLD,
  type GapFindingPlace,
} from './finding';
export {
  counterfactualGap,
  type CounterfactualPair,
  type CounterfactualReport,
  type GapOptions,
  type PredictTexts,
  type TextRow,
} from './gap';
export { buildSwapTerms, swapTerms, type SwapTerm } from './swapTable';
export { readTextColumn } from './textRows';
