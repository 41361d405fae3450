/**
 * The training worker's bundle entry (`dist/trainingWorker.js`): the worker itself, with private and constrained
 * training registered first. Lives above engine/training so that folder never imports engine/mitigation.
 */
import './mitigation/register';
import './training/worker';
