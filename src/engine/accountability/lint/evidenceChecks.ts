import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../../parse';
import { isRunId, readRun } from '../../runs';
import type { Range } from '../../../shared/findings';
import { RUN_FILES, type RunRecord } from '../../../shared/runs';
import { runValueOf } from '../cards/cardMetrics';
import { CARD_METADATA_KEY } from '../cards/metadata';
import type { FileHashCache } from '../hashing';
import { workspaceRootOf } from '../workspaceRoot';
import type { CardFinding } from './findings';
import { frontMatterOf } from './frontMatter';
import type { Outline } from './outline';

export interface EvidenceCheckOptions {
  /** The card on disk: the run and dataset it cites are looked up from there. */
  path?: string;
  hashes: FileHashCache;
}

interface Located {
  doc: Document;
  rangeOf(node: YamlNode | null | undefined): Range;
}

/** The figures and the dataset hash a card cites, checked against the run and the file they came from. */
export async function evidenceFindings(
  text: string,
  outline: Outline,
  options: EvidenceCheckOptions,
): Promise<CardFinding[]> {
  if (!outline.frontMatter || !options.path) return [];
  const doc = parseDocument(outline.frontMatter.yaml);
  if (doc.errors.length > 0) return [];
  const lines = new LineIndex(text);
  const base = outline.frontMatter.offset;
  const located: Located = {
    doc,
    rangeOf: (node) => (node?.range ? lines.rangeOf(base + node.range[0], base + node.range[1]) : lines.rangeOf(0, 0)),
  };
  const findings: CardFinding[] = [];
  const cardDir = path.dirname(path.resolve(options.path));
  const runId = stringAt(doc, [CARD_METADATA_KEY, 'run']);
  let root = await workspaceRootOf(cardDir);
  if (runId !== undefined) {
    const found = runId.value && isRunId(runId.value) ? findRunDir(cardDir, runId.value) : undefined;
    if (!found) findings.push(runNotFound(located, runId));
    else {
      root = found.root;
      findings.push(...(await metricFindings(located, found.dir, text)));
    }
  }
  findings.push(...(await datasetFindings(located, root, options.hashes)));
  return findings;
}

/** The run folder and the dataset file a card's metadata cites, where they can be found. */
export async function citedEvidence(
  text: string,
  cardPath: string,
): Promise<{ runDir?: string; datasetFile?: string }> {
  const frontMatter = frontMatterOf(text);
  if (!frontMatter) return {};
  const doc = parseDocument(frontMatter.yaml);
  if (doc.errors.length > 0) return {};
  const cardDir = path.dirname(path.resolve(cardPath));
  const runId = stringAt(doc, [CARD_METADATA_KEY, 'run'])?.value;
  const run = runId && isRunId(runId) ? findRunDir(cardDir, runId) : undefined;
  const dataset = stringAt(doc, [CARD_METADATA_KEY, 'dataset', 'path'])?.value;
  const root = run?.root ?? (await workspaceRootOf(cardDir));
  return { ...(run ? { runDir: run.dir } : {}), ...(dataset ? { datasetFile: path.resolve(root, dataset) } : {}) };
}

function stringAt(doc: Document, keys: string[]): { value: string; node: YamlNode } | undefined {
  const node = doc.getIn(keys, true) as YamlNode | undefined;
  return isScalar(node) && typeof node.value === 'string' ? { value: node.value, node } : undefined;
}

/** `<dir>/.rml/runs/<id>` for `dir` the card's folder or one above it; the card may sit in the run folder itself. */
export function findRunDir(startDir: string, id: string): { dir: string; root: string } | undefined {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.rml', 'runs', id);
    if (existsSync(path.join(candidate, RUN_FILES.status))) return { dir: candidate, root: dir };
    if (path.dirname(dir) === dir) return undefined;
  }
}

function runNotFound(located: Located, runId: { value: string; node: YamlNode }): CardFinding {
  return {
    code: 'card/run-not-found',
    range: located.rangeOf(runId.node),
    severity: 'information',
    message: `the card cites run ${runId.value}, which is not under .rml/runs of this folder or one above it: its figures cannot be checked`,
    subject: runId.value,
  };
}

async function metricFindings(located: Located, runDir: string, text: string): Promise<CardFinding[]> {
  let run: RunRecord;
  try {
    run = await readRun(runDir);
  } catch {
    return [];
  }
  const report = run.report?.test;
  if (!report) return [];
  const findings: CardFinding[] = [];
  for (const metric of cardMetricNodes(located.doc)) {
    const expected = runValueOf(report, metric.type, metric.args);
    if (expected === undefined) continue;
    const range = located.rangeOf(metric.valueNode);
    const written = sourceOf(text, located, metric.valueNode);
    if (expected !== null && agrees(metric.value, written, expected)) continue;
    const decimals =
      written.includes('.') && !/e/i.test(written) ? written.length - written.indexOf('.') - 1 : undefined;
    const runText =
      expected === null ? 'undefined' : decimals !== undefined ? expected.toFixed(decimals) : String(expected);
    findings.push({
      code: 'card/stale-metric',
      range,
      severity: 'warning',
      message: `${metric.name ?? metric.type} is ${written} in the card but ${expected === null ? 'undefined' : String(Number(expected.toFixed(6)))} in run ${run.id} (report.json)`,
      subject: `${metric.type}\0${JSON.stringify(metric.args)}`,
      data: expected === null ? {} : { fixes: ['replace'], suggestions: [runText] },
    });
  }
  return findings;
}

interface MetricNode {
  type: string;
  name?: string;
  value: unknown;
  args: Record<string, unknown>;
  valueNode: YamlNode;
}

/** Every `model-index[].results[].metrics[]` entry with a type and a value node. */
function cardMetricNodes(doc: Document): MetricNode[] {
  const metrics: MetricNode[] = [];
  const index = doc.get('model-index', true);
  for (const model of isSeq(index) ? index.items : []) {
    const results = isMap(model) ? model.get('results', true) : undefined;
    for (const result of isSeq(results) ? results.items : []) {
      const list = isMap(result) ? result.get('metrics', true) : undefined;
      for (const metric of isSeq(list) ? list.items : []) {
        if (!isMap(metric)) continue;
        const type = metric.get('type');
        const valueNode = metric.get('value', true);
        if (typeof type !== 'string' || !isScalar(valueNode)) continue;
        const args = metric.get('args', true);
        const name = metric.get('name');
        metrics.push({
          type,
          value: valueNode.value,
          args: isMap(args) ? (args.toJSON() as Record<string, unknown>) : {},
          valueNode,
          ...(typeof name === 'string' ? { name } : {}),
        });
      }
    }
  }
  return metrics;
}

function sourceOf(text: string, located: Located, node: YamlNode): string {
  const range = located.rangeOf(node);
  const lines = text.split('\n');
  return range.start.line === range.end.line
    ? (lines[range.start.line] ?? '').slice(range.start.character, range.end.character)
    : String((node as { value?: unknown }).value);
}

/** The card's value equals the run's at the precision the card prints it (0.6683 for 0.66832…). */
function agrees(value: unknown, written: string, expected: number): boolean {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return false;
  const decimals = written.includes('.') && !/e/i.test(written) ? written.length - written.indexOf('.') - 1 : undefined;
  const tolerance = decimals !== undefined ? 0.5 * 10 ** -decimals : Math.abs(expected) * 1e-12;
  return Math.abs(number - expected) <= tolerance + 1e-15;
}

async function datasetFindings(located: Located, root: string, hashes: FileHashCache): Promise<CardFinding[]> {
  const cited = stringAt(located.doc, [CARD_METADATA_KEY, 'dataset', 'path']);
  const sha = stringAt(located.doc, [CARD_METADATA_KEY, 'dataset', 'sha256']);
  if (!cited || !sha) return [];
  const file = path.resolve(root, cited.value);
  const finding = (message: string): CardFinding => ({
    code: 'card/dataset-changed',
    range: located.rangeOf(sha.node),
    severity: 'warning',
    message,
    subject: cited.value,
  });
  if (!existsSync(file))
    return [finding(`the card cites ${cited.value} (SHA-256 ${sha.value.slice(0, 12)}…), which no longer exists`)];
  let current: string;
  try {
    current = await hashes.sha256(file);
  } catch (error) {
    return [finding(`the card cites ${cited.value}, which cannot be read: ${(error as Error).message}`)];
  }
  if (current === sha.value) return [];
  return [
    finding(
      `${cited.value} has changed since the card was written: its SHA-256 is ${current.slice(0, 12)}… now, the card cites ${sha.value.slice(0, 12)}…; regenerate the card from a run on the current data`,
    ),
  ];
}
