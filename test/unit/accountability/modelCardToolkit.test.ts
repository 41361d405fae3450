import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cardMetricsOf } from '../../../src/engine/accountability/cards/cardMetrics';
import { generateModelCardToolkit } from '../../../src/engine/accountability/cards/mct/generate';
import { modelCardToolkitErrors } from '../../../src/engine/accountability/cards/mct/validate';
import { disparityFigures, judgedBy } from '../../../src/engine/accountability/evidence/disparities';
import { readLedger } from '../../../src/engine/accountability/ledger';
import type { Finding } from '../../../src/shared/findings';
import type { EvaluationReport } from '../../../src/shared/reports';
import { BIASED_RUN, FAILED_RUN, fixtureWorkspace, REWEIGHED_RUN, runDir, writeLoansDataset } from './workspace';

type Json = Record<string, any>;

const emailScan = async (file: string): Promise<Finding[]> =>
  [...readFileSync(file, 'utf8').matchAll(/applicant\d+@mail\.co\.uk/g)].map(() => ({
    file,
    code: 'pii/email',
    severity: 'error',
    message: 'e-mail',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  }));

function testReport(dir: string): EvaluationReport {
  return (JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { test: EvaluationReport }).test;
}

describe('Model Card Toolkit JSON from runs', () => {
  let root: string;
  beforeEach(() => {
    root = fixtureWorkspace();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes model_card.json in the run folder, valid against the vendored schema v0.0.2', async () => {
    writeLoansDataset(root);
    const dir = runDir(root, BIASED_RUN);
    const { file } = await generateModelCardToolkit(dir, { scan: emailScan });
    assert.equal(file, path.join(dir, 'model_card.json'));
    const card = JSON.parse(readFileSync(file, 'utf8')) as Json;
    assert.deepEqual(modelCardToolkitErrors(card), []);
    assert.equal(card['schema_version'], '0.0.2');
    assert.deepEqual(Object.keys(card), [
      'schema_version',
      'model_details',
      'model_parameters',
      'quantitative_analysis',
      'considerations',
    ]);
  });

  it("validates against Google's file as vendored, unchanged (media/schemas/README.md)", () => {
    const file = path.join(__dirname, '..', '..', '..', 'media', 'schemas', 'model-card-toolkit-v0.0.2.schema.json');
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    assert.equal(sha256, 'abfc635be94719288f07a60522a8b264d4d84916ca70cb6f8357c6eb4d01bbff');
  });

  it('rejects documents the schema rejects, naming where (so the validation test can fail)', () => {
    const valid = { schema_version: '0.0.2', model_details: { name: 'm', version: { name: 'v', date: '2025-03-01' } } };
    assert.deepEqual(modelCardToolkitErrors(valid), []);
    const broken: Array<[unknown, RegExp]> = [
      [{ ...valid, owners: [] }, /^\(the document\): must NOT have additional properties 'owners'$/],
      [{ ...valid, model_details: { version: { date: '1 March 2025' } } }, /^\/model_details\/version\/date: .*"date"/],
      [
        { ...valid, quantitative_analysis: { performance_metrics: [{ type: 'accuracy', value: '0.7' }] } },
        /^\/quantitative_analysis\/performance_metrics\/0\/value: must be number$/,
      ],
      [{ ...valid, model_details: { licenses: [{}] } }, /^\/model_details\/licenses\/0: must match exactly one/],
      [{ ...valid, model_details: { references: [{ reference: 'not a uri' }] } }, /references\/0\/reference: .*"uri"/],
      [[valid], /^\(the document\): must be object$/],
    ];
    for (const [document, expected] of broken) {
      const errors = modelCardToolkitErrors(document);
      assert.ok(
        errors.some((error) => expected.test(error)),
        `${JSON.stringify(document)}: ${errors.join('; ')}`,
      );
    }
  });

  it('reports the metrics of report.json with their bootstrap intervals, sliced by group, with the bands judged by', async () => {
    const dir = runDir(root, BIASED_RUN);
    const { card } = await generateModelCardToolkit(dir);
    const test = testReport(dir);
    const metrics = card.quantitative_analysis!.performance_metrics;
    assert.deepEqual(
      metrics.map((metric) => [metric.type, metric.value]),
      cardMetricsOf(test).map((metric) => [metric.type, metric.value]),
    );
    const accuracy = metrics.find((metric) => metric.type === 'accuracy' && metric.slice === undefined)!;
    assert.equal(accuracy.value, test.accuracy);
    assert.deepEqual(accuracy.confidence_interval, {
      lower_bound: test.intervals!.accuracy!.lower,
      upper_bound: test.intervals!.accuracy!.upper,
    });
    const women = metrics.find((metric) => metric.type === 'selection_rate' && metric.slice === 'sex = F')!;
    const sex = test.fairness!.byColumn['sex']!.report;
    assert.equal(women.value, sex.byGroup['F']!.selectionRate);
    assert.equal(women.confidence_interval?.lower_bound, sex.intervals!.byGroup['F']!.selectionRate!.lower);
    const ratio = metrics.find((metric) => metric.type === 'demographic_parity_ratio' && metric.slice === 'sex')!;
    assert.equal(ratio.value, sex.demographicParityRatio);
    assert.equal(ratio.threshold, '≥ 0.8 (four-fifths rule)');
    assert.equal(women.threshold, undefined, 'a group rate has no band');
  });

  it('invents nothing: owners, licences, references, users and use cases are left out', async () => {
    writeLoansDataset(root);
    const { card } = await generateModelCardToolkit(runDir(root, BIASED_RUN), { scan: emailScan });
    const details = card.model_details as Json;
    for (const field of ['owners', 'licenses', 'references', 'citations']) assert.equal(details[field], undefined);
    const considerations = card.considerations as Json;
    for (const field of ['users', 'use_cases']) assert.equal(considerations[field], undefined);
    assert.equal(details['version'].name, BIASED_RUN);
    assert.match(details['name'], /^logistic regression predicting approved \(run /);
    const [training, testSplit] = card.model_parameters!.data;
    assert.equal(training?.name, 'data/loans.csv');
    assert.match(training!.description!, /300 rows, SHA-256 [0-9a-f]{64}; the file on disk still has this hash/);
    assert.ok(training?.sensitive?.sensitive_data.includes('pii/email: 12 in the scan of the file'));
    assert.equal(testSplit?.name, 'data/loans.csv (test split)');
  });

  it('lists each disparity outside its band, PII in the training data and the audit as ethical considerations', async () => {
    writeLoansDataset(root);
    const dir = runDir(root, BIASED_RUN);
    const { card } = await generateModelCardToolkit(dir, { scan: emailScan });
    const test = testReport(dir);
    const outside = Object.values(test.fairness!.byColumn).flatMap((group) =>
      disparityFigures(group.report, judgedBy(test)).filter((figure) => figure.verdict === 'disparity'),
    );
    const risks = card.considerations!.ethical_considerations!;
    assert.ok(outside.length > 0);
    assert.equal(risks.filter((risk) => / by (sex|age_band) is /.test(risk.name)).length, outside.length);
    assert.ok(risks.some((risk) => risk.name.startsWith('Demographic parity ratio by sex is 0.4620')));
    assert.ok(risks.some((risk) => risk.name.includes('12 findings of personal data, secrets or risky prompts')));
    assert.ok(risks.some((risk) => risk.name.startsWith('Label rates in the training data differ by sex')));
    assert.ok(
      risks.every((risk) => risk.mitigation_strategy === undefined),
      'this run recorded no mitigation',
    );
  });

  it('names the recorded mitigation as the strategy, and a changed dataset as a limitation', async () => {
    const { card } = await generateModelCardToolkit(runDir(root, REWEIGHED_RUN));
    const risks = card.considerations!.ethical_considerations!;
    assert.ok(risks.length > 0);
    for (const risk of risks)
      assert.equal(
        risk.mitigation_strategy,
        'Trained with instance weights from the column reweighing_weight (e.g. reweighing).',
      );
    const limitations = card.considerations!.limitations!.map((item) => item.description);
    assert.ok(
      limitations.some((text) => /data\/loans\.csv no longer exists: the training data was not audited/.test(text)),
    );
  });

  it('describes a failed run without metrics, still valid, and records every generation in the ledger', async () => {
    const { card, file, ledger } = await generateModelCardToolkit(runDir(root, FAILED_RUN));
    assert.deepEqual(modelCardToolkitErrors(JSON.parse(readFileSync(file, 'utf8'))), []);
    assert.equal(card.quantitative_analysis, undefined);
    assert.ok(
      card.considerations!.limitations!.some((item) =>
        /^The run failed .*without a test report/.test(item.description),
      ),
    );
    const { entries } = await readLedger(path.join(root, '.rml', 'ledger.jsonl'));
    assert.equal(entries.at(-1)?.hash, ledger?.hash);
    assert.match(entries.at(-1)!.entry.summary, /^Model Card Toolkit JSON of run 20250303-090000-0f9e8d written to /);
  });
});
