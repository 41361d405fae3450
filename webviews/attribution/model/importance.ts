import type { GlobalImportance, ImportanceTable } from '../../../src/shared/attribution';

/** One bar of a global-importance chart: its width is its share of the chart's largest value. */
export interface ImportanceBar {
  feature: string;
  meanAbs: number;
  /** 0 … 1 of the chart's widest bar. */
  width: number;
  /** Mean signed attribution for the predicted class: > 0 when the feature mostly supports what the model predicts. */
  mean: number;
  examples: number;
}

export interface ImportanceChart {
  title: string;
  examples: number;
  bars: ImportanceBar[];
}

/** The overall chart, then one per group of each sensitive column; bars shared-scaled within each column. */
export function importanceCharts(importance: GlobalImportance, top = 10): ImportanceChart[] {
  const overall = chartOf('All test examples', importance.overall, top);
  const groups = Object.entries(importance.byGroup).flatMap(([column, tables]) => {
    const charts = Object.entries(tables).map(([group, table]) => chartOf(`${column} = ${group}`, table, top, 1));
    const largest = Math.max(0, ...charts.flatMap((chart) => chart.bars.map((bar) => bar.meanAbs)));
    return charts.map((chart) => ({
      ...chart,
      bars: chart.bars.map((bar) => ({ ...bar, width: largest > 0 ? bar.meanAbs / largest : 0 })),
    }));
  });
  return [overall, ...groups];
}

function chartOf(title: string, table: ImportanceTable, top: number, scale?: number): ImportanceChart {
  const entries = table.entries.slice(0, top);
  const largest = scale ?? Math.max(0, ...entries.map((entry) => entry.meanAbs));
  return {
    title,
    examples: table.examples,
    bars: entries.map((entry) => ({
      feature: entry.feature,
      meanAbs: entry.meanAbs,
      width: largest > 0 ? Math.min(1, entry.meanAbs / largest) : 0,
      mean: entry.mean,
      examples: entry.examples,
    })),
  };
}
