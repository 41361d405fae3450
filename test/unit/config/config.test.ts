import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import { withDatasetLabel, withIgnoredFindings, withSensitiveColumn } from '../../../src/engine/config/configEdits';
import { parseConfigText } from '../../../src/engine/config/load';
import { effectiveSeverity, isCheckEnabled } from '../../../src/engine/config/rules';
import type { RmlConfig } from '../../../src/shared/config';

describe('.rml.json', () => {
  it('accepts every documented key (the schema and the RmlConfig type agree)', () => {
    // Required<…> makes the compiler demand every top-level key of the type; the schema forbids unknown ones.
    const everything: Required<RmlConfig> = {
      checks: { pii: true, 'pii/phone': false },
      severity: { 'pii/ip': 'hint' },
      ignore: [{ fingerprint: '0123456789abcdef', code: 'pii/email', file: 'data/a.csv', reason: 'test data' }],
      exclude: ['fixtures/**'],
      salt: 'a-long-salt',
      maxFileSizeMB: 10,
      pii: { defaultRegion: 'GB' },
      prompts: { globs: ['**/prompts/**'], textColumns: ['text'], tokenizer: 'o200k_base', maxTokens: 4096 },
      language: { noBinary: true, profanitySureness: 1, allow: ['master'] },
      dataset: {
        label: 'y',
        favorable: '1',
        sensitive: ['sex'],
        privileged: { sex: 'M' },
        textColumns: ['comment'],
        disparateImpactThreshold: 0.8,
        parityDifferenceThreshold: 0.1,
        minGroupSize: 30,
        minGroupShare: 0.05,
        reference: { sex: { F: 0.5, M: 0.5 } },
        proxyThreshold: 0.5,
        splits: [{ train: 'train.csv', test: 'test.csv' }],
      },
    };
    const loaded = parseConfigText(JSON.stringify(everything, null, 2), '/ws/.rml.json');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.config, everything);
    assert.equal(loaded.root, '/ws');
  });

  it('names the line and column of a schema violation, and applies the defaults instead', () => {
    const text = '{\n  "checks": { "pii": true },\n  "severity": { "pii/ip": "loud" }\n}\n';
    const loaded = parseConfigText(text, '/ws/.rml.json');
    assert.deepEqual(loaded.config, {});
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0]!.message, /\/severity\/pii~1ip must be equal to one of the allowed values/);
    assert.deepEqual(loaded.problems[0]!.range.start, { line: 2, character: 26 });
  });

  it('reports unknown keys and JSON syntax errors at their position', () => {
    const unknown = parseConfigText('{ "chekcs": {} }', '/ws/.rml.json');
    assert.match(unknown.problems[0]!.message, /must NOT have additional properties 'chekcs'/);
    const broken = parseConfigText('{\n  "checks": { "pii": tru }\n}', '/ws/.rml.json');
    assert.match(broken.problems[0]!.message, /invalid JSON/);
    assert.equal(broken.problems[0]!.range.start.line, 1);
  });

  it('tolerates comments, which people use to explain ignores', () => {
    const loaded = parseConfigText(
      '{\n  // test fixtures hold fake cards\n  "checks": { "pii/credit-card": false }\n}',
      '/ws/.rml.json',
    );
    assert.deepEqual(loaded.problems, []);
    assert.equal(isCheckEnabled(loaded.config, 'pii/credit-card'), false);
  });
});

describe('check and severity rules', () => {
  const config: RmlConfig = {
    checks: { pii: false, 'pii/email': true },
    severity: { secret: 'error', 'secret/jwt': 'warning' },
  };

  it('lets the most specific entry win', () => {
    assert.equal(isCheckEnabled(config, 'pii/email'), true);
    assert.equal(isCheckEnabled(config, 'pii/phone'), false);
    assert.equal(isCheckEnabled(config, 'secret/aws-access-key'), true);
    assert.equal(effectiveSeverity(config, 'secret/jwt', 'information'), 'warning');
    assert.equal(effectiveSeverity(config, 'secret/github-token', 'information'), 'error');
    assert.equal(effectiveSeverity(config, 'pii/email', 'information'), 'information');
  });

  it('puts .rml.json above the editor settings for severities, and editor checks above the file', () => {
    assert.equal(effectiveSeverity(config, 'secret/jwt', 'information', { 'secret/jwt': 'hint' }), 'warning');
    assert.equal(effectiveSeverity({}, 'secret/jwt', 'information', { secret: 'hint' }), 'hint');
    assert.equal(isCheckEnabled(config, 'pii/email', { pii: false }), false);
  });
});

describe('ignore edits', () => {
  const entry = { fingerprint: '0123456789abcdef', code: 'pii/email', file: 'data/a.csv' };

  it('creates the ignore list in a new or empty file', () => {
    const text = withIgnoredFindings('', [entry])!;
    assert.deepEqual(parse(text), { ignore: [entry] });
  });

  it('appends to an existing list, keeping comments and other keys, and never twice', () => {
    const before =
      '{\n  // why: test data\n  "salt": "abcdefgh",\n  "ignore": [\n    { "fingerprint": "aaaaaaaaaaaaaaaa" }\n  ]\n}\n';
    const after = withIgnoredFindings(before, [entry, entry])!;
    assert.match(after, /\/\/ why: test data/);
    assert.deepEqual(parse(after), { salt: 'abcdefgh', ignore: [{ fingerprint: 'aaaaaaaaaaaaaaaa' }, entry] });
    assert.equal(withIgnoredFindings(after, [entry]), undefined);
  });

  it('produces a file the schema accepts', () => {
    const text = withIgnoredFindings('{}', [entry])!;
    assert.deepEqual(parseConfigText(text, '/ws/.rml.json').problems, []);
  });
});

describe('package.json points VS Code at the same schema', () => {
  it('validates .rml.json with media/schemas/rml.schema.json', () => {
    const manifest = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8'));
    const validation = manifest.contributes.jsonValidation as Array<{ fileMatch: string; url: string }>;
    assert.deepEqual(validation, [{ fileMatch: '.rml.json', url: './media/schemas/rml.schema.json' }]);
  });
});

describe('mark-sensitive edits', () => {
  it('adds the column to dataset.sensitive, creating the keys it needs, once', () => {
    const first = withSensitiveColumn('', 'sex')!;
    assert.deepEqual(parse(first), { dataset: { sensitive: ['sex'] } });
    const second = withSensitiveColumn(
      '{\n  // label set by hand\n  "dataset": { "label": "y", "sensitive": ["sex"] }\n}\n',
      'race',
    )!;
    assert.match(second, /label set by hand/);
    assert.deepEqual(parse(second), { dataset: { label: 'y', sensitive: ['sex', 'race'] } });
    assert.equal(withSensitiveColumn(second, 'race'), undefined);
  });
});

describe('set-label edits', () => {
  it("names the label of one file under dataset.files, keeping the other files' settings, once", () => {
    const first = withDatasetLabel('', 'data/recid.csv', 'two_year_recid')!;
    assert.deepEqual(parse(first), { dataset: { files: { 'data/recid.csv': { label: 'two_year_recid' } } } });
    const existing =
      '{\n  // hiring set by hand\n  "dataset": { "files": { "data/hiring.csv": { "label": "hired" } } }\n}\n';
    const second = withDatasetLabel(existing, 'data/recid.csv', 'two_year_recid')!;
    assert.match(second, /hiring set by hand/);
    assert.deepEqual(parse(second), {
      dataset: { files: { 'data/hiring.csv': { label: 'hired' }, 'data/recid.csv': { label: 'two_year_recid' } } },
    });
    assert.equal(withDatasetLabel(second, 'data/recid.csv', 'two_year_recid'), undefined);
    assert.deepEqual(parse(withDatasetLabel(second, 'data/recid.csv', 'juv')!).dataset.files['data/recid.csv'], {
      label: 'juv',
    });
  });
});

describe('.rml.json that cannot be parsed safely', () => {
  it('reports a config nested 9,000 levels deep at the bracket, naming the file', () => {
    const text = `{"dataset": ${'['.repeat(9000)}${']'.repeat(9000)}}`;
    const loaded = parseConfigText(text, '/ws/.rml.json');
    assert.deepEqual(loaded.config, {});
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0]!.message, /^\/ws\/\.rml\.json: JSON nested deeper than 256 levels/);
    assert.equal(loaded.problems[0]!.scope, 'file');
    assert.throws(
      () => withIgnoredFindings(text, [{ fingerprint: '0123456789abcdef' }]),
      /cannot be edited: JSON nested deeper/,
    );
  });
});

describe('paths in .rml.json', () => {
  it('drops a split whose path leaves the config folder, with a problem on that value only', () => {
    const text =
      '{ "checks": { "pii": false },\n  "dataset": { "splits": [ { "train": "a/train.csv", "test": "a/test.csv" },\n    { "train": "train.csv", "test": "../../etc/passwd" } ] } }';
    const loaded = parseConfigText(text, '/ws/.rml.json');
    assert.deepEqual(loaded.config.dataset?.splits, [{ train: 'a/train.csv', test: 'a/test.csv' }]);
    assert.deepEqual(loaded.config.checks, { pii: false });
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0]!.scope, 'value');
    assert.match(
      loaded.problems[0]!.message,
      /dataset\.splits\[1\]\.test '\.\.\/\.\.\/etc\/passwd' resolves outside the folder of \.rml\.json \(\/ws\)/,
    );
    assert.deepEqual(loaded.problems[0]!.range, { start: { line: 2, character: 36 }, end: { line: 2, character: 54 } });
  });

  it('refuses a config larger than 4 MiB before parsing it', () => {
    const loaded = parseConfigText(`{ "exclude": [${'"x",'.repeat(1_100_000)}"x"] }`, '/ws/.rml.json');
    assert.match(loaded.problems[0]!.message, /larger than 4 MiB/);
    assert.deepEqual(loaded.config, {});
  });
});
