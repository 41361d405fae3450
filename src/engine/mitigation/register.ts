/**
 * Makes private (DP-SGD) and constrained (expgrad, regulariser) training available to training jobs: imported for
 * its effect by `rml` and by the training worker's entry. See training/strategy.ts for why this is a registry.
 */
import { registerStrategyFactory } from '../training';
import { mitigationStrategy } from './jobStrategy';

registerStrategyFactory(mitigationStrategy);
