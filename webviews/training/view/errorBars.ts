import type { Chart, Plugin } from 'chart.js';
import type { ConfidenceInterval } from '../../../src/shared/reports';

/**
 * Bootstrap intervals drawn as error bars over a bar chart. Written here rather than taken from
 * `chartjs-chart-error-bars`, which replaces the bar controller with its own chart type and data shape:
 * this keeps the plain bar chart and needs about thirty lines.
 */

export interface ErrorBarSource {
  /** `intervals()[dataset][index]`: the interval of that bar, or null for none. */
  intervals(): ReadonlyArray<ReadonlyArray<ConfidenceInterval | null>>;
  color(): string;
}

function drawErrorBar(chart: Chart, x: number, halfCap: number, interval: ConfidenceInterval): void {
  const scale = chart.scales['y'];
  if (!scale) return;
  const top = scale.getPixelForValue(interval.upper);
  const bottom = scale.getPixelForValue(interval.lower);
  const { ctx } = chart;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, bottom);
  ctx.moveTo(x - halfCap, top);
  ctx.lineTo(x + halfCap, top);
  ctx.moveTo(x - halfCap, bottom);
  ctx.lineTo(x + halfCap, bottom);
  ctx.stroke();
}

export function errorBarsPlugin(source: ErrorBarSource): Plugin<'bar'> {
  return {
    id: 'rmlErrorBars',
    afterDatasetsDraw(chart) {
      const intervals = source.intervals();
      chart.ctx.save();
      chart.ctx.strokeStyle = source.color();
      chart.ctx.lineWidth = 1.5;
      chart.data.datasets.forEach((_, datasetIndex) => {
        if (!chart.isDatasetVisible(datasetIndex)) return;
        chart.getDatasetMeta(datasetIndex).data.forEach((bar, index) => {
          const interval = intervals[datasetIndex]?.[index];
          if (!interval) return;
          const { x, width } = bar.getProps(['x', 'width'], true) as { x: number; width: number };
          drawErrorBar(chart as unknown as Chart, x, Math.min(width * 0.3, 6), interval);
        });
      });
      chart.ctx.restore();
    },
  };
}
