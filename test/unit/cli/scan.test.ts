import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../../../src/shared/findings';
import { rml } from './runRml';

interface ScanJson {
  version: number;
  findings: Finding[];
  summary: { files: number; findings: number; byCode: Record<string, number> };
}

describe('rml scan', () => {
  let ws: string;

  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'rml-cli-'));
    cpSync(path.resolve('test/fixtures/cli/ws'), ws, { recursive: true });
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('prints the JSON contract with 0-based ranges and a summary', async () => {
    const { code, stdout } = await rml(ws, 'scan', 'data/people.csv', '--format', 'json', '--fail-on', 'none');
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as ScanJson;
    assert.equal(report.version, 1);
    const email = report.findings.find((finding) => finding.code === 'pii/email')!;
    assert.equal(email.file, 'data/people.csv');
    assert.deepEqual(email.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 17 } });
    assert.match(email.data!.fingerprint, /^[0-9a-f]{16}$/);
    assert.deepEqual(report.summary, { files: 1, findings: 2, byCode: { 'pii/email': 1, 'pii/credit-card': 1 } });
  });

  it('walks directories, honouring .gitignore, skipping non-dataset JSON, treating prompts/ as prompts', async () => {
    const { stdout } = await rml(ws, 'scan', '.', '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(stdout) as ScanJson;
    const files = [...new Set(report.findings.map((finding) => finding.file))].sort();
    assert.deepEqual(files, ['data/notes.jsonl', 'data/people.csv', 'prompts/system.md']);
    assert.equal(report.summary.files, 3);
    assert.ok(report.findings.some((finding) => finding.file === 'data/notes.jsonl' && finding.code === 'pii/phone'));
  });

  it('exits 1 when a finding reaches --fail-on and 0 below it', async () => {
    assert.equal((await rml(ws, 'scan', 'data/people.csv', '--fail-on', 'information')).code, 1);
    assert.equal((await rml(ws, 'scan', 'data/people.csv', '--fail-on', 'none')).code, 0);
  });

  it('writes SARIF 2.1.0 with rules and 1-based regions', async () => {
    const { stdout } = await rml(ws, 'scan', 'data/people.csv', '--format', 'sarif', '--fail-on', 'none');
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'rml');
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.deepEqual([...ruleIds].sort(), ['pii/credit-card', 'pii/email']);
    const email = run.results.find((result: { ruleId: string }) => result.ruleId === 'pii/email');
    assert.equal(run.tool.driver.rules[email.ruleIndex].id, 'pii/email');
    assert.deepEqual(email.locations[0].physicalLocation.region, {
      startLine: 2,
      startColumn: 3,
      endLine: 2,
      endColumn: 18,
    });
    assert.equal(email.locations[0].physicalLocation.artifactLocation.uri, 'data/people.csv');
    assert.match(email.partialFingerprints['rmlFingerprint/v1'], /^[0-9a-f]{16}$/);
  });

  it('prints file:line:column lines in text format', async () => {
    const { stdout } = await rml(ws, 'scan', 'data/people.csv', '--fail-on', 'none');
    assert.match(stdout, /^data\/people\.csv:2:3: \w+ pii\/email /m);
    assert.match(stdout, /2 findings .* in 1 file\n$/);
  });

  it('honours fingerprints ignored in .rml.json, as the editor does', async () => {
    const first = JSON.parse(
      (await rml(ws, 'scan', 'data/people.csv', '--format', 'json', '--fail-on', 'none')).stdout,
    ) as ScanJson;
    const email = first.findings.find((finding) => finding.code === 'pii/email')!;
    writeFileSync(path.join(ws, '.rml.json'), JSON.stringify({ ignore: [{ fingerprint: email.data!.fingerprint }] }));
    const second = JSON.parse(
      (await rml(ws, 'scan', 'data/people.csv', '--format', 'json', '--fail-on', 'none')).stdout,
    ) as ScanJson;
    assert.deepEqual(
      second.findings.map((finding) => finding.code),
      ['pii/credit-card'],
    );
    // A text report makes no fingerprints for itself, but still those an ignore is matched by.
    const text = (await rml(ws, 'scan', 'data/people.csv', '--fail-on', 'none')).stdout;
    assert.doesNotMatch(text, /pii\/email/);
    assert.match(text, /pii\/credit-card/);
  });

  it('applies checks and severities from --config', async () => {
    writeFileSync(
      path.join(ws, 'strict.json'),
      JSON.stringify({ checks: { 'pii/credit-card': false }, severity: { pii: 'error' } }),
    );
    const { code, stdout } = await rml(ws, 'scan', 'data/people.csv', '--format', 'json', '--config', 'strict.json');
    const report = JSON.parse(stdout) as ScanJson;
    assert.deepEqual(
      report.findings.map((finding) => `${finding.code}:${finding.severity}`),
      ['pii/email:error'],
    );
    assert.equal(code, 1);
  });

  it('exits 2 with a message naming the problem for bad usage, paths and configs', async () => {
    const missing = await rml(ws, 'scan', 'nope.csv');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.csv: no such file or directory/);
    const badFormat = await rml(ws, 'scan', 'data', '--format', 'xml');
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of text, json, sarif/);
    writeFileSync(path.join(ws, '.rml.json'), '{\n  "checks": 3\n}');
    const badConfig = await rml(ws, 'scan', 'data');
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /\.rml\.json: \/checks must be object \(line 2, column 13\)/);
    assert.equal((await rml(ws, 'scan')).code, 2);
    assert.equal((await rml(ws, 'frobnicate')).code, 2);
  });

  it('reports malformed rows as data/parse-error and keeps scanning the rest', async () => {
    writeFileSync(path.join(ws, 'data/broken.csv'), 'id,email\n1,"oops\n');
    writeFileSync(path.join(ws, 'data/bad.jsonl'), '{"a": 1,}\n{"email": "eve@example.com"}\n');
    const report = JSON.parse(
      (await rml(ws, 'scan', 'data/bad.jsonl', 'data/broken.csv', '--format', 'json', '--fail-on', 'none')).stdout,
    ) as ScanJson;
    const codes = report.findings.map(
      (finding) => `${finding.file} ${finding.code} ${finding.range.start.line}:${finding.range.start.character}`,
    );
    assert.ok(codes.includes('data/bad.jsonl data/parse-error 0:8'), codes.join('\n'));
    assert.ok(codes.includes('data/bad.jsonl pii/email 1:11'), codes.join('\n'));
    assert.ok(
      codes.some((line) => line.startsWith('data/broken.csv data/parse-error 1:2')),
      codes.join('\n'),
    );
  });

  it('reads a UTF-16 file with a BOM: findings at their places, no parse errors, and rml audit finds its columns', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${i},${i % 2 ? 'F' : 'M'},${i % 3 ? 'yes' : 'no'},${i === 5 ? 'zoe@example.org' : ''}`,
    );
    const text = `id,sex,label,email\r\n${rows.join('\r\n')}\r\n`;
    writeFileSync(
      path.join(ws, 'data/utf16.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const report = JSON.parse(
      (await rml(ws, 'scan', 'data/utf16.csv', '--format', 'json', '--fail-on', 'none')).stdout,
    ) as ScanJson;
    const located = report.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]);
    assert.deepEqual(
      located.filter(([code]) => code === 'pii/email' || code === 'data/parse-error'),
      [['pii/email', 6, 8]],
    );
    const audit = await rml(
      ws,
      'audit',
      'data/utf16.csv',
      '--label',
      'label',
      '--sensitive',
      'sex',
      '--format',
      'json',
    );
    assert.equal(audit.code, 0, audit.stderr);
    assert.equal((JSON.parse(audit.stdout) as { rows: number }).rows, 40);
  });
});
