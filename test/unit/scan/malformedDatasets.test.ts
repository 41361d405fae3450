import { strict as assert } from 'node:assert';
import { scanText } from '../../../src/engine/scan/scan';

/** Found by `npm run fuzz`: malformed rows must cost what they are, not thousands of findings and seconds. */
describe('the dataset audit on malformed tables', () => {
  it('takes only the header as columns: the fields of one ragged row are not 12,000 proxy columns', async () => {
    // test/fixtures/fairness/intersection.csv with one ragged row appended (a fuzz mutant that took 4.6 s).
    const rows = ['1,1,M,white', '1,1,M,asian', '0,1,F,white', '1,0,F,black', '0,0,M,black', '1,1,F,asian'];
    const text = `y_true,y_pred,sex,race\n${rows.join('\n')}\n${'x,'.repeat(3000)}x\n`;
    const findings = await scanText(text, {
      file: 'ragged.csv',
      relativePath: 'ragged.csv',
      format: 'csv',
      config: {},
    });
    const unnamed = findings.filter((finding) => /^column \d+$/.test(String(finding.data?.column ?? '')));
    assert.equal(unnamed.length, 0, `${unnamed.length} findings on columns the header does not name`);
    assert.ok(findings.some((finding) => finding.code === 'data/parse-error'));
    assert.ok(findings.length < 20, `${findings.length} findings`);
  });
});

describe('one finding per duplicate chat example', () => {
  it('reports a repeated JSON Lines example once, as dataset/duplicate-example (not also as data/duplicate-row)', async () => {
    const example = (i: number) =>
      JSON.stringify({
        messages: [
          {
            role: 'user',
            content: `Question ${i}: ${'why '.repeat(i % 7)}is the sky ${['blue', 'grey', 'red'][i % 3]} on day ${i * 37}?`,
          },
          { role: 'assistant', content: `Answer ${i * 13}.` },
        ],
      });
    const lines = Array.from({ length: 40 }, (_, i) => example(i));
    lines.push(lines[3]!);
    const findings = await scanText(`${lines.join('\n')}\n`, {
      file: 'chat.jsonl',
      relativePath: 'chat.jsonl',
      format: 'jsonl',
      config: {},
    });
    const onCopy = findings.filter((finding) => finding.range.start.line === 40).map((finding) => finding.code);
    assert.deepEqual(onCopy, ['dataset/duplicate-example']);
  });
});
