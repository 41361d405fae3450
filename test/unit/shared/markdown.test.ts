import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { scanText } from '../../../src/engine/scan/scan';
import { escapeMarkdown, markdownCode, markdownCodeBlock } from '../../../src/shared/markdown';

// Rendered as VS Code renders hovers: CommonMark with GFM autolinks.
const render = (markdown: string) => new MarkdownIt({ linkify: true, html: false }).render(markdown);

const PIXEL = '![px](https://attacker.example/pixel.png)';
const COMMAND = '[run](command:workbench.action.terminal.new)';

function assertInert(html: string): void {
  assert.doesNotMatch(html, /<img/, 'no image');
  assert.doesNotMatch(html, /<a /, 'no link');
}

describe('Markdown from data renders as text', () => {
  it('escapes images, links, autolinks, emphasis, HTML and table pipes', () => {
    for (const text of [
      PIXEL,
      COMMAND,
      'https://attacker.example/x',
      '<img src=x onerror=alert(1)>',
      '*a* _b_ | c',
      'a\nb',
    ]) {
      const html = render(`| ${escapeMarkdown(text)} |\n|---|\n| x |`);
      assertInert(html);
      assert.doesNotMatch(html, /<img|<em>|onerror=alert\(1\)>/);
      assert.match(html, /<th>/, 'still one table cell');
    }
  });

  it('code spans and blocks hold any backticks verbatim', () => {
    assert.equal(render(markdownCode('a ``b`` c')).trim(), '<p><code>a ``b`` c</code></p>');
    assert.match(
      render(markdownCodeBlock('```\n![x](https://e.example/p.png)\n```')),
      /<pre><code class="language-text">```\n!\[x\]\(https:\/\/e\.example\/p\.png\)\n```\n<\/code><\/pre>/,
    );
  });

  it('a dataset whose column name and group values are Markdown gets an inert bias hover', async () => {
    const rows = Array.from(
      { length: 200 },
      (_, i) =>
        `${i % 2 === 0 ? `"${COMMAND}"` : 'plain'},${i % 2 === 0 ? (i % 10 === 0 ? 'yes' : 'no') : i % 5 === 0 ? 'no' : 'yes'}`,
    );
    const csv = [`"${PIXEL}",hired`, ...rows].join('\n');
    const findings = await scanText(csv, {
      file: 'hiring.csv',
      relativePath: 'hiring.csv',
      format: 'csv',
      config: { dataset: { label: 'hired', favorable: 'yes', sensitive: [PIXEL] } },
    });
    const hovers = findings.filter(
      (finding) => finding.code.startsWith('bias/') && typeof finding.data?.hover === 'string',
    );
    assert.ok(hovers.length > 0, `a bias finding with a hover (got ${findings.map((f) => f.code).join(', ')})`);
    for (const finding of hovers) assertInert(render(String(finding.data!.hover)));
  });
});
