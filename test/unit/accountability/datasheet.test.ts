import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { DATASHEET_OUTLINE, risks } from '../../../src/engine/accountability/datasheets/datasheet';
import type { DatasheetEvidence } from '../../../src/engine/accountability/datasheets/evidence';
import { lintCard } from '../../../src/engine/accountability/lint';
import { fakeIo } from '../cli/fakeIo';
import { evidenceNumbers, unexplainedNumbers } from './numbers';
import { BIASED_RUN, fixtureWorkspace, writeLoansDataset } from './workspace';

describe('datasheets for datasets', () => {
  let root: string;
  beforeEach(() => {
    root = fixtureWorkspace();
    writeLoansDataset(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function datasheet(): Promise<{ json: Record<string, unknown>; text: string; file: string }> {
    const io = fakeIo(root);
    assert.equal(
      await runCli(
        [
          'datasheet',
          'data/loans.csv',
          '--label',
          'approved',
          '--sensitive',
          'sex,age_band',
          '--favorable',
          'yes',
          '--format',
          'json',
        ],
        io,
      ),
      0,
      io.err,
    );
    const json = JSON.parse(io.out) as Record<string, unknown>;
    const file = path.join(root, json['datasheet'] as string);
    return { json, text: readFileSync(file, 'utf8'), file };
  }

  it("answers Gebru et al.'s question groups from the audit and the scan, in their order", async () => {
    const { json, text } = await datasheet();
    assert.equal(json['datasheet'], 'data/loans.datasheet.md');
    assert.equal(json['rows'], 300);
    let at = 0;
    for (const group of DATASHEET_OUTLINE) {
      const found = text.indexOf(`\n## ${group}\n`, at);
      assert.ok(found > at, `## ${group} in order`);
      at = found;
    }
    assert.match(text, /300 rows \(\d+ bytes\) with 7 columns/);
    assert.match(text, /\| `approved` \| label \|/);
    assert.match(text, /\| `pii\/email` \| 12 \|/);
    assert.match(
      text,
      /`sex`: demographic parity ratio 0\.\d{4}, difference 0\.\d{4} \(p [0-9.e-]+\): \*\*disparity\*\*/,
    );
    assert.match(
      text,
      new RegExp(`\\| \`${BIASED_RUN}\` \\| logistic-regression \\| completed \\| 0\\.6683 \\|`),
      'the run trained on this exact file is listed',
    );
    assert.ok((json['questions'] as number) >= 10);
  });

  it('words each verdict (a disparity; groups too small to judge), never its id', async () => {
    // About 50 rows per sex × age band: below 60, each intersection is too small to judge; sex's groups are not.
    writeFileSync(path.join(root, '.rml.json'), JSON.stringify({ dataset: { minGroupSize: 60 } }));
    const { text } = await datasheet();
    const risks = text.slice(text.indexOf('## Bias, Risks, and Limitations'));
    assert.match(risks, /`sex`: demographic parity ratio [^\n]*\*\*disparity\*\*\.\n/);
    assert.match(risks, /`sex × age_band`: [^\n]*: groups too small to judge\.\n/);
    assert.doesNotMatch(risks, /within-threshold|not-significant|too-small/, 'verdicts in words, not ids');
  });

  it('says which small groups a verdict was judged without (the figures before it count them)', () => {
    const attribute = {
      column: 'age × race',
      demographicParityRatio: 0.25,
      demographicParityDifference: 0.75,
      pValue: 0.13,
      verdict: 'within-threshold',
      smallGroups: ['a', 'b', 'c', 'd', 'e'],
    };
    const audit = {
      attributes: [attribute],
      intersections: [],
      proxies: [],
      identityTerms: [],
      notes: [],
      favorable: '1',
    };
    assert.match(
      risks({ audit } as unknown as DatasheetEvidence),
      /`age × race`: demographic parity ratio 0\.2500, difference 0\.7500 \(p 0\.1300\): within the thresholds \(judged without the groups too small to judge: `a`, `b`, `c` and 2 more\)\./,
    );
  });

  it('prints only numbers its evidence holds and passes card lint until the data changes', async () => {
    const { json, text, file } = await datasheet();
    const report = JSON.parse(readFileSync(path.join(root, '.rml', 'runs', BIASED_RUN, 'report.json'), 'utf8'));
    const body = text.slice(text.indexOf('\n---\n', 4));
    // The evidence: a fresh audit of the file (rml audit), its hash and size, the run that trained on it, and the
    // derived figures printed: the favourable share, the column count, the e-mails found, Wilson's level, the version.
    const audit = fakeIo(root);
    await runCli(
      [
        'audit',
        'data/loans.csv',
        '--label',
        'approved',
        '--sensitive',
        'sex,age_band',
        '--favorable',
        'yes',
        '--format',
        'json',
      ],
      audit,
    );
    const bytes = readFileSync(path.join(root, 'data', 'loans.csv')).length;
    const audited = JSON.parse(audit.out);
    const favourableShare =
      audited.attributes[0].groups.reduce((s: number, g: { favorable: number }) => s + g.favorable, 0) /
      audited.attributes[0].groups.reduce((s: number, g: { labelled: number }) => s + g.labelled, 0);
    const bag = evidenceNumbers(
      audited,
      json['dataset'],
      report.test.accuracy,
      bytes,
      favourableShare,
      12,
      7,
      0.95,
      256,
      0,
      1,
      2,
      BIASED_RUN,
      text.match(/generated: (\S+)/)?.[1],
      '0.1.0',
    );
    assert.deepEqual(unexplainedNumbers(body, bag), []);
    assert.deepEqual(await lintCard(text, { kind: 'dataset', path: file }), []);
    appendFileSync(path.join(root, 'data', 'loans.csv'), '1,0.1,1,50+,M,,no\n');
    const findings = await lintCard(text, { kind: 'dataset', path: file });
    assert.deepEqual(
      findings.map((finding) => finding.code),
      ['card/dataset-changed'],
    );
  });
});
