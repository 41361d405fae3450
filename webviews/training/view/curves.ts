import type { RunRecord } from '../../../src/shared/runs';
import { dataTable, el } from '../../common/dom';
import { RATE_AXIS, type CurveAxes } from '../model/axes';
import { formatLoss, formatRate, formatSeconds } from '../model/format';
import { columnsWithGroupCurves, curveSeries, groupRateSeries, type CurveSeries } from '../model/series';
import type { LineSpec } from './charts';
import { chartFigure, type ChartFigure } from './figure';
import { foldedTable } from './foldedTable';

/** The live training curves of one run: loss, accuracy and each group's validation selection rate, by epoch. */

function pointsOf(epochs: number[], values: Array<number | null>) {
  return epochs.map((x, index) => ({ x, y: values[index] ?? null }));
}

function lossSpec(series: CurveSeries, axes: CurveAxes): LineSpec {
  return {
    kind: 'line',
    x: { ...axes.epochs, title: 'Epoch' },
    y: { ...axes.loss, title: 'Cross-entropy loss' },
    series: [
      { label: 'Training loss', points: pointsOf(series.epochs, series.trainLoss), color: 0 },
      { label: 'Validation loss', points: pointsOf(series.epochs, series.validationLoss), color: 1, dashed: true },
    ],
  };
}

function accuracySpec(series: CurveSeries, axes: CurveAxes): LineSpec {
  return {
    kind: 'line',
    x: { ...axes.epochs, title: 'Epoch' },
    y: { ...axes.accuracy, title: 'Accuracy' },
    series: [
      { label: 'Training accuracy', points: pointsOf(series.epochs, series.trainAccuracy), color: 0 },
      {
        label: 'Validation accuracy',
        points: pointsOf(series.epochs, series.validationAccuracy),
        color: 1,
        dashed: true,
      },
    ],
  };
}

function describe(
  name: string,
  series: CurveSeries,
  train: number[],
  validation: number[],
  format: (value: number) => string,
): string {
  const last = series.epochs.length - 1;
  if (last < 0) return `${name} by epoch: no epoch finished yet.`;
  return `${name} by epoch, ${series.epochs.length} epochs; at epoch ${series.epochs[last]}: training ${format(train[last] ?? NaN)}, validation ${format(validation[last] ?? NaN)}.`;
}

function epochTable(run: RunRecord): HTMLTableElement {
  const sorted = [...run.metrics].sort((a, b) => a.epoch - b.epoch);
  return dataTable({
    caption: 'Loss and accuracy by epoch',
    headers: ['Epoch', 'Training loss', 'Validation loss', 'Training accuracy', 'Validation accuracy', 'Time'],
    rows: sorted.map((epoch) => [
      String(epoch.epoch),
      formatLoss(epoch.trainLoss),
      formatLoss(epoch.validationLoss),
      formatRate(epoch.trainAccuracy),
      formatRate(epoch.validationAccuracy),
      formatSeconds(epoch.seconds),
    ]),
    className: 'epoch-table',
  });
}

function groupFigureParts(run: RunRecord, column: string, axes: CurveAxes) {
  const series = groupRateSeries(run.metrics, column, 'selectionRate');
  const spec: LineSpec = {
    kind: 'line',
    x: { ...axes.epochs, title: 'Epoch' },
    y: { ...RATE_AXIS, title: 'Selection rate (validation)' },
    series: series.groups.map((group, index) => ({
      label: group.group,
      points: pointsOf(series.epochs, group.values),
      color: index,
    })),
  };
  const table = () =>
    dataTable({
      caption: `Validation selection rate by group of ${column}, by epoch`,
      headers: ['Epoch', ...series.groups.map((group) => group.group)],
      rows: series.epochs.map((epoch, index) => [
        String(epoch),
        ...series.groups.map((group) => formatRate(group.values[index])),
      ]),
    });
  const description = `Validation selection rate of each group of ${column} (${series.groups.map((group) => group.group).join(', ')}) over ${series.epochs.length} epochs.`;
  return { spec, table, description };
}

export interface CurvesSection {
  element: HTMLElement;
  update(run: RunRecord, axes: CurveAxes): void;
}

export function curvesSection(run: RunRecord, axes: CurveAxes): CurvesSection {
  const parts = (current: RunRecord, currentAxes: CurveAxes) => {
    const series = curveSeries(current.metrics);
    return {
      loss: {
        spec: lossSpec(series, currentAxes),
        description: describe('Loss', series, series.trainLoss, series.validationLoss, formatLoss),
      },
      accuracy: {
        spec: accuracySpec(series, currentAxes),
        description: describe('Accuracy', series, series.trainAccuracy, series.validationAccuracy, formatRate),
      },
    };
  };
  const first = parts(run, axes);
  const loss = chartFigure('Loss', first.loss.spec, first.loss.description, 'loss');
  const accuracy = chartFigure('Accuracy', first.accuracy.spec, first.accuracy.description, 'accuracy');
  // One table behind both charts: they plot the same epochs.
  const epochs = foldedTable('Loss and accuracy: data table', () => epochTable(run));
  const groups = new Map<string, ChartFigure>();
  const groupBox = el('div', { class: 'chart-row' });
  const element = el(
    'section',
    { class: 'curves', 'aria-label': 'Training curves' },
    el('h3', {}, 'Training curves'),
    el('div', { class: 'chart-row' }, loss.element, accuracy.element),
    epochs.element,
    groupBox,
  );

  const updateGroups = (current: RunRecord, currentAxes: CurveAxes) => {
    for (const column of columnsWithGroupCurves(current.metrics)) {
      const { spec, table, description } = groupFigureParts(current, column, currentAxes);
      const existing = groups.get(column);
      if (existing) existing.update(spec, description, table);
      else {
        const figure = chartFigure(`Selection rate by ${column}`, spec, description, `groups-${column}`, table);
        groups.set(column, figure);
        groupBox.appendChild(figure.element);
      }
    }
  };
  updateGroups(run, axes);
  return {
    element,
    update(current, currentAxes) {
      const next = parts(current, currentAxes);
      loss.update(next.loss.spec, next.loss.description);
      accuracy.update(next.accuracy.spec, next.accuracy.description);
      epochs.refresh(() => epochTable(current));
      updateGroups(current, currentAxes);
    },
  };
}
