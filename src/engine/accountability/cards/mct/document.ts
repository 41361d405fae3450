import type { EvaluationReport } from '../../../../shared/reports';
import { disparityFigures, judgedBy } from '../../evidence/disparities';
import type { RunEvidence } from '../../evidence/runEvidence';
import { cardMetricsOf, disparityType } from '../cardMetrics';
import { considerationsOf } from './considerations';
import { modelDetailsOf, modelParametersOf } from './details';
import type { ModelCardToolkitCard, PerformanceMetric } from './types';
import { MCT_SCHEMA_VERSION } from './validate';

/** A run's Model Card Toolkit JSON: the same evidence as its Markdown card, in the toolkit's fields. */
export function modelCardToolkitOf(evidence: RunEvidence): ModelCardToolkitCard {
  const parameters = modelParametersOf(evidence);
  const report = evidence.run.report;
  const considerations = considerationsOf(evidence);
  return {
    schema_version: MCT_SCHEMA_VERSION,
    model_details: modelDetailsOf(evidence),
    ...(parameters ? { model_parameters: parameters } : {}),
    ...(report ? { quantitative_analysis: { performance_metrics: performanceMetricsOf(report.test) } } : {}),
    ...(considerations ? { considerations } : {}),
  };
}

/**
 * The metrics the Markdown card lists in `model-index` (card lint checks those against the run), sliced by group:
 * `sex` for a disparity between the groups of `sex`, `sex = F` for one group's rate; no slice for the whole test split.
 */
export function performanceMetricsOf(test: EvaluationReport): PerformanceMetric[] {
  const bands = disparityBands(test);
  return cardMetricsOf(test).map((metric) => {
    const sensitive = metric.args?.['sensitive'];
    const group = metric.args?.['group'];
    const slice = sensitive === undefined ? undefined : group === undefined ? sensitive : `${sensitive} = ${group}`;
    const threshold =
      sensitive !== undefined && group === undefined ? bands.get(`${sensitive}\n${metric.type}`) : undefined;
    return {
      type: metric.type,
      value: metric.value,
      ...(slice !== undefined ? { slice } : {}),
      ...(metric.interval
        ? { confidence_interval: { lower_bound: metric.interval.lower, upper_bound: metric.interval.upper } }
        : {}),
      ...(threshold ? { threshold } : {}),
    };
  });
}

/** The acceptable band of each disparity per sensitive column, by the thresholds the run recorded. */
function disparityBands(test: EvaluationReport): Map<string, string> {
  const bands = new Map<string, string>();
  for (const [column, group] of Object.entries(test.fairness?.byColumn ?? {}))
    for (const figure of disparityFigures(group.report, judgedBy(test)))
      bands.set(`${column}\n${disparityType(figure.key)}`, figure.threshold);
  return bands;
}
