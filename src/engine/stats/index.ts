/** Statistics shared by the dataset audit and model evaluation; each function names the reference it agrees with. */
export { wilsonInterval } from './wilson';
export { chiSquareIndependence, chiSquareSurvival, type ChiSquareResult } from './chiSquare';
export { fisherExact, type FisherResult, type Alternative } from './fisher';
export { benjaminiHochberg } from './multipleTesting';
export { cramersV, mutualInformation, entropy, uncertaintyCoefficient } from './association';
