import { stringify } from 'yaml';
import { version } from '../../../../package.json';
import type { RunEvidence } from '../evidence/runEvidence';
import { cardMetricsOf } from './cardMetrics';

/** Our own metadata key beside Hugging Face's: which run and which dataset file (by hash) the card's numbers come from. */
export const CARD_METADATA_KEY = 'rml';

export interface CardProvenance {
  run: string;
  dataset?: { path: string; sha256: string };
  generated: string;
  generator: string;
}

export const GENERATOR = `responsible-ml ${version}`;

/** The YAML front matter: Hugging Face's card metadata with `model-index` results, and the card's provenance. */
export function cardFrontMatter(evidence: RunEvidence): string {
  const { run, dataset } = evidence;
  const task = run.config?.columns.text ? 'text-classification' : 'tabular-classification';
  const metrics = run.report ? cardMetricsOf(run.report.test) : [];
  const provenance: CardProvenance = {
    run: run.id,
    ...(dataset ? { dataset: { path: dataset.shownPath, sha256: dataset.recordedSha256 } } : {}),
    generated: evidence.generatedAt,
    generator: GENERATOR,
  };
  const metadata = {
    tags: [task, 'tensorflow.js', 'responsible-ml', 'fairness'],
    metrics: [...new Set(metrics.filter((metric) => !metric.args?.['sensitive']).map((metric) => metric.type))],
    'model-index': [
      {
        name: run.id,
        results:
          run.report && dataset
            ? [
                {
                  task: { type: task },
                  dataset: {
                    type: dataset.format,
                    name: dataset.shownPath,
                    split: 'test',
                    revision: dataset.recordedSha256,
                  },
                  metrics: metrics.map((metric) => ({
                    type: metric.type,
                    value: metric.value,
                    name: metric.name,
                    ...(metric.args ? { args: metric.args } : {}),
                  })),
                },
              ]
            : [],
      },
    ],
    [CARD_METADATA_KEY]: provenance,
  };
  return `---\n${stringify(metadata, { lineWidth: 0 })}---`;
}
