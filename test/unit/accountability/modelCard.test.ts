import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { version } from '../../../package.json';
import { cardMetricsOf } from '../../../src/engine/accountability/cards/cardMetrics';
import { generateModelCard } from '../../../src/engine/accountability/cards/generate';
import { NOT_RECORDED, PERSON_PROMPT } from '../../../src/engine/accountability/cards/markdown';
import { MODEL_CARD_OUTLINE } from '../../../src/engine/accountability/cards/modelCard';
import { readLedger } from '../../../src/engine/accountability/ledger';
import { readRun } from '../../../src/engine/runs/runDir';
import type { Finding } from '../../../src/shared/findings';
import { evidenceNumbers, unexplainedNumbers } from './numbers';
import { BIASED_RUN, fixtureWorkspace, REWEIGHED_RUN, runDir, writeLoansDataset } from './workspace';

/** The card's body (after the YAML front matter) and its parsed metadata. */
function splitCard(card: string): { metadata: Record<string, unknown>; body: string } {
  const end = card.indexOf('\n---\n', 4);
  return { metadata: parse(card.slice(4, end)) as Record<string, unknown>, body: card.slice(end + 5) };
}

/** One section's text: from its heading to the next heading of the same or a higher level. */
function sectionText(body: string, title: string): string {
  const lines = body.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === title);
  assert.ok(start >= 0, `no section '${title}'`);
  const level = lines[start]!.indexOf(' ');
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

const fakeScan = async (file: string): Promise<Finding[]> => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/applicant\d+@mail\.co\.uk/g)].map(() => ({
    file,
    code: 'pii/email',
    severity: 'error',
    message: 'e-mail',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  }));
};

describe('model cards from runs', () => {
  let root: string;
  beforeEach(() => {
    root = fixtureWorkspace();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('has every heading of the Hugging Face template, at its level and in its order', async () => {
    const { file } = await generateModelCard(runDir(root, BIASED_RUN));
    const headings = splitCard(readFileSync(file, 'utf8'))
      .body.split('\n')
      .filter((line) => /^#{2,4} /.test(line));
    let at = 0;
    for (const [level, title] of MODEL_CARD_OUTLINE) {
      const found = headings.indexOf(`${'#'.repeat(level)} ${title}`, at);
      assert.ok(found >= 0, `'${'#'.repeat(level)} ${title}' missing or out of order`);
      at = found + 1;
    }
  });

  it('lists the metrics of its report.json in model-index, and prints them in the body', async () => {
    const dir = runDir(root, BIASED_RUN);
    const { file } = await generateModelCard(dir);
    const { metadata, body } = splitCard(readFileSync(file, 'utf8'));
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    const index = metadata['model-index'] as Array<{
      name: string;
      results: Array<{ dataset: Record<string, string>; metrics: unknown[] }>;
    }>;
    assert.equal(index[0]?.name, BIASED_RUN);
    assert.deepEqual(
      index[0]?.results[0]?.metrics,
      cardMetricsOf(report.test).map((metric) => ({
        type: metric.type,
        value: metric.value,
        name: metric.name,
        ...(metric.args ? { args: metric.args } : {}),
      })),
    );
    assert.equal(
      index[0]?.results[0]?.dataset['revision'],
      JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')).dataset.sha256,
    );
    assert.deepEqual((metadata['rml'] as { run: string }).run, BIASED_RUN);
    const results = sectionText(body, 'Results');
    for (const value of [report.test.accuracy, report.test.macroF1, report.test.rocAuc, report.test.logLoss])
      assert.ok(results.includes(value.toFixed(4)), `${value} in Results`);
    const sex = report.test.fairness.byColumn.sex.report;
    assert.match(
      results,
      new RegExp(
        `\\| \`F\` \\| ${sex.byGroup.F.count} \\| ${sex.byGroup.F.accuracy.toFixed(4)} \\[${sex.intervals.byGroup.F.accuracy.lower.toFixed(4)}, `,
      ),
    );
    const risks = sectionText(body, 'Bias, Risks, and Limitations');
    assert.match(
      risks,
      new RegExp(
        `\\| Demographic parity ratio \\| ${sex.demographicParityRatio.toFixed(4)} \\| \\[${sex.intervals.disparities.demographicParityRatio.lower.toFixed(4)}, [0-9.]+\\] \\| ≥ 0\\.8 \\(four-fifths rule\\) \\| \\*\\*disparity\\*\\* \\|`,
      ),
    );
  });

  it('prints no number the evidence does not hold, and marks what it cannot know', async () => {
    const dir = runDir(root, BIASED_RUN);
    const { file, evidence, questions } = await generateModelCard(dir);
    const { body } = splitCard(readFileSync(file, 'utf8'));
    const run = await readRun(dir);
    // Derived figures the card states, each from the run: total epoch time (s and h), counts of columns and groups.
    const seconds = run.metrics.reduce((sum, epoch) => sum + epoch.seconds, 0);
    const derived = [
      seconds,
      seconds / 3600,
      run.config!.columns.features!.length,
      Object.keys(run.report!.test.fairness!.intersection!.report.byGroup).length,
    ];
    // Rule constants: thresholds (0.8, ±0.1, 1.25), the names SHA-256 and AIF360, the generator's version.
    const constants = [0.8, 0.1, 1.25, 256, 360, ...version.split('.').map(Number)];
    const bag = evidenceNumbers(run, evidence.generatedAt, derived, constants);
    assert.deepEqual(unexplainedNumbers(body, bag), []);
    assert.ok(questions >= 10);
    for (const title of ['Developed by', 'License', 'Repository'])
      assert.match(body, new RegExp(`\\*\\*${title}:\\*\\* \\*\\*${PERSON_PROMPT}\\*\\*`));
    for (const title of ['Direct Use', 'Out-of-Scope Use', 'Downstream Use', 'Model Card Contact', 'Citation'])
      assert.ok(sectionText(body, title).includes(PERSON_PROMPT), `${title} asks a person`);
    for (const title of ['Model Examination', 'Label issues', 'Training data audit'])
      assert.ok(sectionText(body, title).includes(NOT_RECORDED), `${title} is marked not recorded`);
    assert.match(body, /Warning:\*\* the dataset `data\/loans\.csv` no longer exists/);
  });

  it('audits and scans the dataset when it still has the recorded hash, and records the card in the ledger', async () => {
    writeLoansDataset(root);
    const dir = runDir(root, BIASED_RUN);
    const { file, evidence, ledger } = await generateModelCard(dir, { scan: fakeScan });
    const { body } = splitCard(readFileSync(file, 'utf8'));
    assert.equal(evidence.dataset?.matches, true);
    const audit = evidence.examination!.audit!;
    const sexAudit = audit.attributes.find((attribute) => attribute.column === 'sex')!;
    const section = sectionText(body, 'Training data audit');
    assert.match(section, /300 rows, label `approved` \(favourable `yes`\)/);
    assert.ok(section.includes(`demographic parity ratio ${sexAudit.demographicParityRatio!.toFixed(4)}`));
    assert.match(sectionText(body, 'Personal and sensitive data in the training data'), /\| `pii\/email` \| 12 \|/);
    assert.match(sectionText(body, 'Recommendations'), /12 personal-data findings/);
    assert.doesNotMatch(body, /Warning:/);
    const run = await readRun(dir);
    const bag = evidenceNumbers(
      run,
      evidence.generatedAt,
      audit,
      evidence.examination!.findings,
      [
        run.metrics.reduce((sum, epoch) => sum + epoch.seconds, 0) / 3600,
        0.8,
        0.1,
        1.25,
        256,
        360,
        4,
        6,
        ...version.split('.').map(Number),
      ],
      run.metrics.reduce((sum, epoch) => sum + epoch.seconds, 0),
    );
    assert.deepEqual(unexplainedNumbers(body, bag), []);
    const { entries } = await readLedger(path.join(root, '.rml', 'ledger.jsonl'));
    assert.equal(entries.at(-1)?.hash, ledger?.hash);
    assert.equal(entries.at(-1)?.entry.action, 'card');
    assert.deepEqual(
      entries.at(-1)?.entry.outputs.map((output) => output.path),
      [`.rml/runs/${BIASED_RUN}/MODEL_CARD.md`],
    );
  });

  it('reads attribution, label issues, mitigation and DP-SGD privacy from the run when they exist', async () => {
    const dir = runDir(root, REWEIGHED_RUN);
    writeFileSync(
      path.join(dir, 'attribution.json'),
      JSON.stringify({
        method: 'ig',
        examples: 401,
        total: 401,
        overall: { examples: 401, entries: [{ feature: 'income', meanAbs: 0.4321, mean: 0.1234, examples: 401 }] },
        byGroup: {
          sex: { F: { examples: 180, entries: [{ feature: 'debt_ratio', meanAbs: 0.2, mean: -0.1, examples: 180 }] } },
        },
      }),
    );
    writeFileSync(
      path.join(dir, 'label-issues.json'),
      JSON.stringify({
        rows: 2667,
        classes: ['no', 'yes'],
        filter: 'prune_by_noise_rate',
        issues: [{ line: 3, row: 1, given: 'no', suggested: 'yes', score: 0.1 }],
      }),
    );
    const figures = (accuracy: number, dp: number) => ({
      accuracy,
      selectionRates: { F: 0.3, M: 0.4 },
      demographicParityDifference: dp,
      equalizedOddsDifference: dp,
    });
    writeFileSync(
      path.join(dir, 'mitigation.json'),
      JSON.stringify({
        version: 1,
        method: 'expgrad',
        constraint: 'demographic_parity',
        parameters: { eps: 0.01 },
        sensitive: ['sex'],
        validation: { after: figures(0.7, 0.05) },
        test: { before: figures(0.72, 0.26), after: figures(0.69, 0.04) },
        privacy: { epsilon: 2.5, delta: 0.00001, order: 8, conversion: 'improved', steps: 400 },
      }),
    );
    const configFile = path.join(dir, 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.privacy = {
      noiseMultiplier: 1.1,
      maxGradNorm: 1,
      delta: 0.00001,
      sampleRate: 0.0171,
      expectedBatchSize: 32,
      conversion: 'improved',
      secureNoise: false,
    };
    writeFileSync(configFile, JSON.stringify(config));
    const { file } = await generateModelCard(dir);
    const { body } = splitCard(readFileSync(file, 'utf8'));
    assert.match(sectionText(body, 'Model Examination'), /\| `income` \| 0\.4321 \| 0\.1234 \|/);
    assert.match(sectionText(body, 'Model Examination'), /\| `F` \| `debt_ratio` \|/);
    assert.match(sectionText(body, 'Label issues'), /1 row of 2667 have a label that looks wrong/);
    const mitigation = sectionText(body, 'Mitigation');
    assert.match(mitigation, /instance weights from the column `reweighing_weight`/);
    assert.match(
      mitigation,
      /In-processing mitigation `expgrad` with the constraint `demographic_parity` over `sex` \(eps 0\.0100\)/,
    );
    assert.match(mitigation, /\| Demographic parity difference \| 0\.2600 \| 0\.0400 \|/);
    assert.match(
      mitigation,
      /noise multiplier 1\.1000, clipping norm 1, sample rate 0\.0171; ε 2\.5000 at δ 1\.00e-5 after 400 steps/,
    );
  });

  it('escapes dataset strings: markdown and HTML in a group name stay text', async () => {
    const dir = runDir(root, BIASED_RUN);
    const reportFile = path.join(dir, 'report.json');
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const byGroup = report.test.fairness.byColumn.sex.report.byGroup;
    byGroup['<img src=x onerror=alert(1)>|x'] = byGroup.F;
    delete byGroup.F;
    writeFileSync(reportFile, JSON.stringify(report));
    const { body } = splitCard(readFileSync((await generateModelCard(dir)).file, 'utf8'));
    assert.ok(body.includes('`<img src=x onerror=alert(1)>\\|x`'));
    assert.ok(!/\| `<img src=x onerror=alert\(1\)>\|x`/.test(body), 'the pipe does not split the table cell');
  });
});
