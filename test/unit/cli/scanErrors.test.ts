import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../../../src/shared/findings';
import { rml } from './runRml';

const DEEP = 9000;

/** One bad file or config must never cost the others their findings, nor leave half a report on stdout. */
describe('rml scan when a file or config goes wrong', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'rml-scan-errors-'));
    writeFileSync(path.join(ws, 'a.json'), `[${'['.repeat(DEEP)}${']'.repeat(DEEP)}]`);
    writeFileSync(path.join(ws, 'b.csv'), 'name,email\nAnn,ann@example.org\n');
    writeFileSync(
      path.join(ws, 'c.jsonl'),
      `{"a": 1}\n${'{"x":'.repeat(DEEP)}1${'}'.repeat(DEEP)}\n{"email": "bob@example.org"}\n`,
    );
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('reports JSON nested 9,000 levels deep as data/parse-error at the bracket and scans every other file', async () => {
    const { code, stdout, stderr } = await rml(ws, 'scan', '.', '--format', 'json', '--fail-on', 'none');
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings;
    const where = findings.map(
      (finding) => `${finding.file} ${finding.code} ${finding.range.start.line}:${finding.range.start.character}`,
    );
    assert.deepEqual(where, [
      'a.json data/parse-error 0:256',
      'b.csv pii/email 1:4',
      'c.jsonl data/parse-error 1:1280',
      'c.jsonl pii/email 2:11',
    ]);
  });

  for (const format of ['json', 'sarif']) {
    it(`goes on after a file that fails, then exits 2 with a complete ${format} report on stdout`, async () => {
      // A region libphonenumber does not know passes the schema but makes the phone detector throw on this file.
      mkdirSync(path.join(ws, 'sub'));
      writeFileSync(path.join(ws, 'sub/.rml.json'), '{ "pii": { "defaultRegion": "ZZ" } }');
      writeFileSync(path.join(ws, 'sub/phones.csv'), 'name,phone\nAnn,+44 20 7946 0958\n');
      writeFileSync(path.join(ws, 'z.csv'), 'name,email\nZed,zed@example.org\n');
      const { code, stdout, stderr } = await rml(ws, 'scan', '.', '--format', format, '--fail-on', 'none');
      assert.equal(code, 2);
      assert.match(stderr, /^rml scan: sub\/phones\.csv: Unknown phone number region 'ZZ'/m);
      const report = JSON.parse(stdout) as {
        findings?: Finding[];
        runs?: Array<{
          results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
        }>;
      };
      const files =
        report.findings?.map((finding) => finding.file) ??
        report.runs![0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
      assert.ok(files.includes('b.csv') && files.includes('z.csv') && files.includes('c.jsonl'), files.join(' '));
    });
  }

  it('names a deep .rml.json below the target, skips only its files, and keeps the report valid', async () => {
    mkdirSync(path.join(ws, 'sub'));
    writeFileSync(path.join(ws, 'sub/.rml.json'), `{"checks": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`);
    writeFileSync(path.join(ws, 'sub/people.csv'), 'name,email\nAnn,ann@example.org\n');
    const { code, stdout, stderr } = await rml(ws, 'scan', '.', '--format', 'json', '--fail-on', 'none');
    assert.equal(code, 2);
    assert.match(
      stderr,
      /sub\/people\.csv not scanned: .*sub\/\.rml\.json: JSON nested deeper than 256 levels: this document is not read \(line 1, column 267\)/,
    );
    const files = (JSON.parse(stdout) as { findings: Finding[] }).findings.map((finding) => finding.file);
    assert.ok(files.includes('b.csv') && !files.includes('sub/people.csv'), files.join(' '));
  });

  it('stops before writing anything when the config at the top of a target is unusable, naming it', async () => {
    writeFileSync(path.join(ws, '.rml.json'), `{"checks": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`);
    const { code, stdout, stderr } = await rml(ws, 'scan', '.', '--format', 'json');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, new RegExp(`${path.join(ws, '.rml.json').replace(/[.\\/]/g, '\\$&')}: JSON nested deeper`));
  });
});

describe('messages about wide files', () => {
  it('lists at most 20 column names when rml audit cannot find a column (it printed all 10⁶)', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'rml-wide-'));
    try {
      const header = Array.from({ length: 500 }, (_, i) => `c${i}`).join(',');
      writeFileSync(path.join(ws, 'wide.csv'), `${header}\n${header.replace(/c/g, 'v')}\n`);
      const { code, stderr } = await rml(ws, 'audit', 'wide.csv', '--label', 'outcome');
      assert.equal(code, 2);
      assert.match(stderr, /label column 'outcome' not found \(columns: c0, c1, .*, c19 and 480 more\)\n$/);
      assert.ok(stderr.length < 400, stderr);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
