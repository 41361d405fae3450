import { strict as assert } from 'node:assert';
import { appendFileSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { generateModelCard } from '../../../src/engine/accountability/cards/generate';
import { cardKindOf, lintCard } from '../../../src/engine/accountability/lint';
import { scanFile } from '../../../src/engine/scan/scan';
import { kindOf } from '../../../src/engine/workspace/fileKinds';
import { fakeIo } from '../cli/fakeIo';
import { BIASED_RUN, fixtureWorkspace, runDir, writeLoansDataset } from './workspace';

const codes = (findings: Array<{ code: string }>) => findings.map((finding) => finding.code).sort();

const HAND_WRITTEN = `---
license: mit
model-index:
- name: my-model
  results: []
---

# Model Card for my-model

## Model Details

A classifier. {{ model_description }}

## Uses

### Direct Use

[More Information Needed]

### Out-of-Scope Use

<!-- This section addresses misuse. -->

## Notes

\`\`\`md
## Bias, Risks, and Limitations
TODO inside a code block is an example
\`\`\`

TODO: write the rest.
`;

describe('card lint', () => {
  let root: string;
  let card: string;

  beforeEach(async () => {
    root = fixtureWorkspace();
    writeLoansDataset(root);
    card = (await generateModelCard(runDir(root, BIASED_RUN))).file;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds nothing in a card generated from a run whose dataset is unchanged, also through the scan', async () => {
    const text = readFileSync(card, 'utf8');
    assert.deepEqual(await lintCard(text, { kind: 'model', path: card }), []);
    const findings = await scanFile(card, {
      file: card,
      relativePath: 'MODEL_CARD.md',
      path: card,
      format: 'text',
      card: 'model',
      config: {},
    });
    assert.deepEqual(findings, []);
  });

  it('flags a card whose cited dataset hash no longer matches, and one whose dataset is gone', async () => {
    appendFileSync(path.join(root, 'data', 'loans.csv'), '50000,0.2,3,30-49,F,,yes\n');
    const findings = await lintCard(readFileSync(card, 'utf8'), { kind: 'model', path: card });
    assert.deepEqual(codes(findings), ['card/dataset-changed']);
    assert.match(findings[0]!.message, /data\/loans\.csv has changed since the card was written/);
    const line = readFileSync(card, 'utf8').split('\n')[findings[0]!.range.start.line]!;
    assert.match(line, /sha256: [0-9a-f]{64}/, 'the finding sits on the cited hash');
    rmSync(path.join(root, 'data', 'loans.csv'));
    const gone = await lintCard(readFileSync(card, 'utf8'), { kind: 'model', path: card });
    assert.match(gone[0]!.message, /which no longer exists/);
  });

  it("flags a metric that no longer matches the run's report, with the run's value as the fix", async () => {
    const report = JSON.parse(readFileSync(path.join(runDir(root, BIASED_RUN), 'report.json'), 'utf8'));
    const text = readFileSync(card, 'utf8')
      .replace(`value: ${report.test.accuracy}`, 'value: 0.71')
      .replace(`value: ${report.test.macroF1}`, `value: ${report.test.macroF1.toFixed(3)}`);
    const findings = await lintCard(text, { kind: 'model', path: card });
    assert.deepEqual(codes(findings), ['card/stale-metric'], 'a value rounded to the precision written is not stale');
    assert.match(findings[0]!.message, /Test accuracy is 0\.71 in the card but 0\.668329 in run/);
    assert.deepEqual(findings[0]!.data?.suggestions, [report.test.accuracy.toFixed(2)]);
    assert.equal(
      text
        .split('\n')
        [findings[0]!.range.start.line]!.slice(findings[0]!.range.start.character, findings[0]!.range.end.character),
      '0.71',
    );
  });

  it('flags missing and empty required sections and placeholders, not headings or TODOs in code blocks', async () => {
    const findings = await lintCard(HAND_WRITTEN, { kind: 'model' });
    assert.deepEqual(codes(findings), [
      'card/empty-section',
      'card/missing-section',
      'card/placeholder',
      'card/placeholder',
      'card/placeholder',
    ]);
    const missing = findings.find((finding) => finding.code === 'card/missing-section')!;
    assert.match(missing.message, /no "Bias, Risks, and Limitations" section/);
    assert.deepEqual(missing.data?.fixes, ['insert-section']);
    assert.equal(missing.range.start.line, 7, 'on the title');
    assert.match(
      findings.find((finding) => finding.code === 'card/empty-section')!.message,
      /"Out-of-Scope Use" is empty/,
    );
    const dataset = await lintCard(HAND_WRITTEN.replace('model-index', 'task_categories'), { kind: 'dataset' });
    assert.ok(
      dataset.some(
        (finding) =>
          finding.code === 'card/missing-section' && finding.message.includes('Personal and Sensitive Information'),
      ),
    );
  });

  it('says when the cited run is not in the workspace', async () => {
    const elsewhere = path.join(root, 'CARD-COPY.md');
    copyFileSync(card, elsewhere);
    writeFileSync(
      elsewhere,
      readFileSync(elsewhere, 'utf8').replace(`run: ${BIASED_RUN}`, 'run: 20990101-000000-abcdef'),
    );
    assert.deepEqual(codes(await lintCard(readFileSync(elsewhere, 'utf8'), { kind: 'model', path: elsewhere })), [
      'card/run-not-found',
    ]);
  });

  it('knows a card by its name or, for a README, by its metadata or title', () => {
    assert.equal(cardKindOf('MODEL_CARD.md', ''), 'model');
    assert.equal(cardKindOf('docs/DATASHEET.md', ''), 'dataset');
    assert.equal(cardKindOf('README.md', '---\nlicense: mit\nmodel-index:\n'), 'model');
    assert.equal(cardKindOf('README.md', '---\ntask_categories:\n- text-classification\n---\n'), 'dataset');
    assert.equal(cardKindOf('README.md', '# Dataset Card for loans\n'), 'dataset');
    assert.equal(cardKindOf('README.md', '# My project\n\nSome text.\n'), undefined);
    const kind = kindOf({
      fileName: 'README.md',
      relativePath: 'README.md',
      head: '# Model Card for x',
      isPromptPath: () => false,
    });
    assert.deepEqual(kind, { format: 'text', isPrompt: false, card: 'model' });
  });

  it('runs in rml scan on a folder, where a project README stays unlinted', async () => {
    writeFileSync(path.join(root, 'README.md'), '# A project\n\nTODO: nothing here is a card.\n');
    writeFileSync(path.join(root, 'MODEL_CARD.md'), HAND_WRITTEN);
    const io = fakeIo(root);
    assert.equal(await runCli(['scan', '.', '--format', 'json', '--fail-on', 'warning'], io), 1);
    const report = JSON.parse(io.out) as { findings: Array<{ file: string; code: string }> };
    const cardFindings = report.findings.filter((finding) => finding.code.startsWith('card/'));
    assert.deepEqual([...new Set(cardFindings.map((finding) => finding.file))], ['MODEL_CARD.md']);
    assert.equal(cardFindings.length, 5);
  });
});
