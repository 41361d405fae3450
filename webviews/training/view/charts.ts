import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type ScaleOptions,
} from 'chart.js';
import type { ConfidenceInterval } from '../../../src/shared/reports';
import { readThemeColors, type ThemeColors } from '../../common/theme';
import type { AxisRange } from '../model/axes';
import { errorBarsPlugin } from './errorBars';

/**
 * Chart.js charts described by plain specs, coloured from the theme and restyled when it changes. The specs
 * come from the pure model modules; this file only maps them onto Chart.js.
 */
Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  BarController,
  BarElement,
  Legend,
  Tooltip,
);

export interface LineSeries {
  label: string;
  points: Array<{ x: number; y: number | null }>;
  /** Index into the theme's series colours. */
  color: number;
  dashed?: boolean;
}

export interface LineSpec {
  kind: 'line';
  x: AxisRange & { title: string };
  y: AxisRange & { title: string };
  series: LineSeries[];
}

export interface BarSeries {
  label: string;
  values: number[];
  intervals: Array<ConfidenceInterval | null>;
  color: number;
}

export interface BarSpec {
  kind: 'bar';
  labels: string[];
  y: AxisRange & { title: string };
  series: BarSeries[];
}

export type ChartSpec = LineSpec | BarSpec;

interface LiveChart {
  chart: Chart;
  spec: ChartSpec;
  canvas: HTMLCanvasElement;
}

const liveCharts = new Set<LiveChart>();
/** Read once per theme: `getComputedStyle` per chart and per draw would force a style recalculation each time. */
let cachedColors: ThemeColors | undefined;

function themeColors(): ThemeColors {
  cachedColors ??= readThemeColors();
  return cachedColors;
}

function colorOf(colors: ThemeColors, index: number): string {
  return colors.series[index % colors.series.length] ?? colors.foreground;
}

function axis(colors: ThemeColors, range: AxisRange & { title: string }, integerTicks = false): ScaleOptions<'linear'> {
  return {
    type: 'linear',
    min: range.min,
    max: range.max,
    title: { display: true, text: range.title, color: colors.muted },
    ticks: { color: colors.muted, ...(integerTicks ? { stepSize: 1, precision: 0 } : {}) },
    grid: { color: colors.grid },
    border: { color: colors.grid },
  } as ScaleOptions<'linear'>;
}

function lineDatasets(
  spec: LineSpec,
  colors: ThemeColors,
): ChartDataset<'line', Array<{ x: number; y: number | null }>>[] {
  return spec.series.map((series) => ({
    label: series.label,
    data: series.points,
    borderColor: colorOf(colors, series.color),
    backgroundColor: colorOf(colors, series.color),
    borderWidth: 2,
    pointRadius: 2.5,
    borderDash: series.dashed ? [6, 4] : [],
  }));
}

function barDatasets(spec: BarSpec, colors: ThemeColors): ChartDataset<'bar', number[]>[] {
  return spec.series.map((series) => ({
    label: series.label,
    data: series.values,
    backgroundColor: colorOf(colors, series.color),
    borderWidth: 0,
  }));
}

function commonOptions(colors: ThemeColors, legendAsLines: boolean) {
  const font = { family: colors.fontFamily, size: colors.fontSize };
  return {
    responsive: true,
    maintainAspectRatio: false,
    // Live curves redraw every epoch; motion would only delay reading them.
    animation: false as const,
    // Line charts show a short (dashed) line in the legend, the way the series is drawn.
    plugins: {
      legend: {
        labels: {
          color: colors.foreground,
          font,
          ...(legendAsLines ? { usePointStyle: true, pointStyle: 'line' } : {}),
        },
      },
    },
  };
}

function configOf(live: Pick<LiveChart, 'spec'>, colors: ThemeColors): ChartConfiguration {
  const { spec } = live;
  if (spec.kind === 'line') {
    return {
      type: 'line',
      data: { datasets: lineDatasets(spec, colors) },
      options: { ...commonOptions(colors, true), scales: { x: axis(colors, spec.x, true), y: axis(colors, spec.y) } },
    } as ChartConfiguration;
  }
  const errorBars = errorBarsPlugin({
    intervals: () => (live.spec as BarSpec).series.map((series) => series.intervals),
    color: () => themeColors().emphasis,
  });
  return {
    type: 'bar',
    data: { labels: spec.labels, datasets: barDatasets(spec, colors) },
    options: {
      ...commonOptions(colors, false),
      scales: {
        x: {
          type: 'category',
          ticks: { color: colors.muted },
          grid: { color: colors.grid },
          border: { color: colors.grid },
        },
        y: axis(colors, spec.y),
      },
    },
    plugins: [errorBars],
  } as ChartConfiguration;
}

/** Mirrors the dataset lengths on the canvas (`data-points="5,5"`): the text-free trace of what was drawn. */
function recordPoints(live: LiveChart): void {
  live.canvas.dataset['points'] = live.chart.data.datasets.map((dataset) => dataset.data.length).join(',');
}

function applySpec(live: LiveChart, colors: ThemeColors): void {
  const config = configOf(live, colors);
  live.chart.data = config.data;
  live.chart.options = config.options ?? {};
  live.chart.update('none');
  recordPoints(live);
}

export function createChart(canvas: HTMLCanvasElement, spec: ChartSpec): LiveChart {
  const partial = { spec };
  const chart = new Chart(canvas, configOf(partial, themeColors()));
  const live: LiveChart = Object.assign(partial, { chart, canvas });
  liveCharts.add(live);
  recordPoints(live);
  return live;
}

/** New points and axis ends only, when the series are the same ones: re-resolving every option costs more than the draw. */
function applyPoints(live: LiveChart, spec: LineSpec): boolean {
  const { chart } = live;
  const scales = chart.options.scales as Record<'x' | 'y', { min?: number; max?: number }> | undefined;
  if (!scales || chart.data.datasets.length !== spec.series.length) return false;
  if (spec.series.some((series, index) => chart.data.datasets[index]?.label !== series.label)) return false;
  spec.series.forEach((series, index) => ((chart.data.datasets[index] as ChartDataset<'line'>).data = series.points));
  Object.assign(scales.x, { min: spec.x.min, max: spec.x.max });
  Object.assign(scales.y, { min: spec.y.min, max: spec.y.max });
  chart.update('none');
  recordPoints(live);
  return true;
}

export function updateChart(live: LiveChart, spec: ChartSpec): void {
  const sameKind = live.spec.kind === spec.kind;
  live.spec = spec;
  if (sameKind && spec.kind === 'line' && applyPoints(live, spec)) return;
  applySpec(live, themeColors());
}

/** After a theme change: every chart takes the new colours. */
export function restyleCharts(): void {
  cachedColors = readThemeColors();
  for (const live of liveCharts) applySpec(live, cachedColors);
}

/** Before the page is rebuilt: free every chart's canvas and listeners. */
export function destroyCharts(): void {
  for (const live of liveCharts) live.chart.destroy();
  liveCharts.clear();
}

export type { LiveChart };
