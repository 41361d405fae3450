import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../../../src/shared/findings';
import { rml } from './runRml';

/** A training split with free text, so the audit looks for leaks into its test split. */
function trainingFile(): string {
  const rows = Array.from(
    { length: 40 },
    (_, i) => `${i},"review number ${i} says the product was fine and arrived on time",${i % 2}`,
  );
  return `id,review,label\n${rows.join('\n')}\n`;
}

/**
 * Paths from `.rml.json` are read by the scan (a test split for leakage): they must stay inside the config's
 * folder and be regular files. `../../../../dev/zero` made `rml scan` read 11.8 GB in 30 s.
 */
describe('rml scan and the paths a config names', function () {
  // A scan that reads /dev/zero never ends: the time-out is what fails then.
  this.timeout(20_000);
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'rml-config-paths-'));
    writeFileSync(path.join(ws, 'train.csv'), trainingFile());
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const configWithTest = (test: string) => {
    const text = `{\n  "dataset": {\n    "splits": [{ "train": "train.csv", "test": ${JSON.stringify(test)} }]\n  }\n}\n`;
    writeFileSync(path.join(ws, '.rml.json'), text);
    return text;
  };

  it('does not read ../../../../dev/zero: a config/invalid finding on that value instead, and the rest is scanned', async () => {
    const text = configWithTest('../../../../dev/zero');
    const { code, stdout, stderr } = await rml(ws, 'scan', '.', '--format', 'json');
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings;
    const invalid = findings.filter((finding) => finding.code === 'config/invalid');
    assert.equal(invalid.length, 1);
    assert.equal(invalid[0]!.file, '.rml.json');
    assert.equal(invalid[0]!.severity, 'error');
    const valueAt = text.indexOf('"../../../../dev/zero"');
    assert.deepEqual(invalid[0]!.range, {
      start: { line: 2, character: valueAt - text.lastIndexOf('\n', valueAt) - 1 },
      end: { line: 2, character: valueAt - text.lastIndexOf('\n', valueAt) - 1 + 22 },
    });
    assert.match(
      invalid[0]!.message,
      /^dataset\.splits\[0\]\.test '\.\.\/\.\.\/\.\.\/\.\.\/dev\/zero' resolves outside the folder of \.rml\.json/,
    );
  });

  it('does not follow a split that is a link to a device, inside the folder or by its usual name', async () => {
    symlinkSync('/dev/zero', path.join(ws, 'held-out.csv'));
    configWithTest('held-out.csv');
    const configured = await rml(ws, 'scan', 'train.csv', '--format', 'json');
    const invalid = (JSON.parse(configured.stdout) as { findings: Finding[] }).findings.filter(
      (finding) => finding.code === 'config/invalid',
    );
    assert.match(invalid[0]?.message ?? '', /'held-out\.csv' is a link to \/dev\/zero, outside/);
    rmSync(path.join(ws, '.rml.json'));
    // No config: `test.csv` beside `train.csv` is compared by name, and must be a regular file too.
    symlinkSync('/dev/zero', path.join(ws, 'test.csv'));
    const byName = await rml(ws, 'scan', 'train.csv', '--format', 'json', '--fail-on', 'none');
    assert.equal(byName.code, 0, byName.stderr);
    assert.equal((JSON.parse(byName.stdout) as { summary: { files: number } }).summary.files, 1);
  });
});
