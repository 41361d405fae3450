import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverOnFixtureCopy, type CodeAction } from './fixtureSession';

describe('language server: dataset bias', function () {
  const session = serverOnFixtureCopy('rml-server-bias-');
  const client = () => session.client;

  it('puts the disparity on the sensitive column header with a group table, and reweighing resolves it', async () => {
    const file = path.join(session.workspace, 'bias/hiring.csv');
    const text = readFileSync(file, 'utf8');
    const uri = client().open(file, 'csv', text);
    const published = await client().nextDiagnostics(uri);
    const disparity = published.diagnostics.find((diagnostic) => diagnostic.code === 'bias/label-disparity');
    assert.ok(disparity, JSON.stringify(published.diagnostics.map((diagnostic) => diagnostic.code)));
    assert.deepEqual(disparity.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } });
    assert.match(disparity.message, /disparate impact 0\.\d+ < 0\.8/);
    const hover = (await client().connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 8 },
    })) as { contents: { value: string } };
    assert.match(hover.contents.value, /\|\s*F\s*\|/);
    assert.match(hover.contents.value, /\|\s*M\b/);

    // The whole header line, as the light bulb asks when several findings sit on it: one action per distinct fix.
    const header = published.diagnostics.filter((diagnostic) => diagnostic.range.start.line === 0);
    const lineRange = { start: { line: 0, character: 0 }, end: { line: 0, character: text.indexOf('\n') } };
    const onLine = (await client().connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: lineRange,
      context: { diagnostics: header },
    })) as CodeAction[];
    const titles = onLine.map((action) => action.title);
    assert.deepEqual(
      titles.filter((title, index) => titles.indexOf(title) !== index),
      [],
      `duplicate titles: ${titles.join(' | ')}`,
    );
    assert.ok(
      titles.some((title) => /^Add reweighing weights for \w+( × \w+)* as a 'weight' column/.test(title)),
      titles.join(' | '),
    );

    const actions = (await client().connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: disparity.range,
      context: { diagnostics: [disparity] },
    })) as CodeAction[];
    const reweigh = actions.find((action) => action.title.startsWith('Add reweighing weights'));
    assert.ok(reweigh, actions.map((action) => action.title).join(' | '));
    const edits = reweigh.edit!.documentChanges![0]!.edits! as Array<{
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      newText: string;
    }>;
    const reweighed = applyTextEdits(text, edits);
    assert.match(reweighed.split('\n')[0]!, /,weight$/);
    client().change(uri, 2, [{ text: reweighed }]);
    const after = await client().nextDiagnostics(uri, (next) => next.version === 2);
    assert.deepEqual(
      after.diagnostics.filter((diagnostic) => diagnostic.code === 'bias/label-disparity'),
      [],
    );
  });
});

describe('language server: dataset bias with an intersection', function () {
  const session = serverOnFixtureCopy('rml-server-intersection-', (workspace) =>
    writeFileSync(
      path.join(workspace, 'bias/.rml.json'),
      JSON.stringify({ dataset: { label: 'hired', favorable: 'yes', sensitive: ['sex', 'race'] } }),
    ),
  );

  it('offers one reweighing fix for the disparities on the header, saying which groups it reweighs', async () => {
    const file = path.join(session.workspace, 'bias/hiring.csv');
    const text = readFileSync(file, 'utf8');
    const uri = session.client.open(file, 'csv', text);
    const published = await session.client.nextDiagnostics(uri);
    const disparities = published.diagnostics.filter((diagnostic) => diagnostic.code === 'bias/label-disparity');
    assert.ok(
      disparities.length >= 2,
      JSON.stringify(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])),
    );
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: text.indexOf('\n') } };
    const actions = (await session.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: disparities },
    })) as Array<CodeAction & { diagnostics?: unknown[] }>;
    const titles = actions.map((action) => action.title);
    assert.deepEqual(
      titles.filter((title, index) => titles.indexOf(title) !== index),
      [],
      `duplicate titles: ${titles.join(' | ')}`,
    );
    const reweigh = actions.filter((action) => action.title.startsWith('Add reweighing weights'));
    assert.deepEqual(
      reweigh.map((action) => action.title),
      ["Add reweighing weights for sex × race as a 'weight' column (AIF360 Reweighing)"],
    );
    assert.equal(
      reweigh[0]?.diagnostics?.length,
      disparities.length,
      'the one fix resolves every disparity it was offered for',
    );
  });
});

describe('language server: reweighing with per-file settings', function () {
  const config = {
    dataset: {
      label: 'hired',
      favorable: 'yes',
      sensitive: ['sex'],
      files: { 'hiring.csv': { sensitive: ['sex', 'race'] } },
    },
  };
  const session = serverOnFixtureCopy('rml-server-files-', (workspace) =>
    writeFileSync(path.join(workspace, 'bias/.rml.json'), JSON.stringify(config)),
  );

  it("reweighs the groups of the file's own dataset.files entry, as its diagnostics do", async () => {
    const file = path.join(session.workspace, 'bias/hiring.csv');
    const text = readFileSync(file, 'utf8');
    const uri = session.client.open(file, 'csv', text);
    const published = await session.client.nextDiagnostics(uri);
    const disparities = published.diagnostics.filter((diagnostic) => diagnostic.code === 'bias/label-disparity');
    assert.ok(disparities.length >= 2, JSON.stringify(published.diagnostics.map((d) => [d.code, d.message])));
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: text.indexOf('\n') } };
    const actions = (await session.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: disparities },
    })) as CodeAction[];
    const reweigh = actions.filter((action) => action.title.startsWith('Add reweighing weights'));
    assert.deepEqual(
      reweigh.map((action) => action.title),
      ["Add reweighing weights for sex × race as a 'weight' column (AIF360 Reweighing)"],
    );
  });
});

describe('language server: a configured value the data lacks', function () {
  const configText = '{\n  "dataset": { "label": "hired", "favorable": "hired!", "sensitive": ["sex"] }\n}\n';
  const session = serverOnFixtureCopy('rml-server-configured-', (workspace) =>
    writeFileSync(path.join(workspace, 'bias/.rml.json'), configText),
  );

  it('warns on the dataset header and on the value in .rml.json', async () => {
    const file = path.join(session.workspace, 'bias/hiring.csv');
    const uri = session.client.open(file, 'csv', readFileSync(file, 'utf8'));
    const dataset = await session.client.nextDiagnostics(uri, (published) =>
      published.diagnostics.some((d) => d.code === 'bias/configured-value'),
    );
    assert.ok(dataset.diagnostics.find((d) => d.code === 'bias/configured-value')!.range.start.line === 0);
    const configUri = pathToFileURL(path.join(session.workspace, 'bias/.rml.json')).href;
    const config = await session.client.nextDiagnostics(configUri, (published) =>
      published.diagnostics.some((d) => d.code === 'bias/configured-value'),
    );
    const onValue = config.diagnostics.find((d) => d.code === 'bias/configured-value')!;
    const start = configText.indexOf('"hired!"');
    assert.deepEqual(onValue.range, {
      start: { line: 1, character: start - configText.indexOf('\n') - 1 },
      end: { line: 1, character: start - configText.indexOf('\n') - 1 + '"hired!"'.length },
    });
    assert.equal(onValue.severity, 2, 'a warning');
    assert.match(onValue.message, /hiring\.csv/);
  });
});

function applyTextEdits(
  text: string,
  edits: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>,
): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (position: { line: number; character: number }) => lineStarts[position.line]! + position.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted)
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

describe('language server: a dataset whose label is not named', function () {
  const header = 'id,sex,age,c_charge_degree,two_year_recid';
  const rows = Array.from(
    { length: 80 },
    (_, i) => `${i + 1},${i % 3 ? 'Male' : 'Female'},${20 + (i % 40)},${i % 2 ? 'F' : 'M'},${i % 5 ? 0 : 1}`,
  );
  const session = serverOnFixtureCopy('rml-server-nolabel-', (workspace) => {
    mkdirSync(path.join(workspace, 'recid'));
    writeFileSync(path.join(workspace, 'recid/recid.csv'), `${[header, ...rows].join('\n')}\n`);
  });

  it('says the label is missing on its likeliest column, and the fix names it for this file in .rml.json', async () => {
    const file = path.join(session.workspace, 'recid/recid.csv');
    const text = readFileSync(file, 'utf8');
    const uri = session.client.open(file, 'csv', text);
    const published = await session.client.nextDiagnostics(uri, (diagnostics) =>
      diagnostics.diagnostics.some((d) => d.code === 'bias/label-unknown'),
    );
    const unknown = published.diagnostics.find((d) => d.code === 'bias/label-unknown')!;
    assert.equal(unknown.range.start.character, header.indexOf('two_year_recid'));
    const actions = (await session.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    })) as CodeAction[];
    const use = actions.find(
      (action) => action.title === "Use 'two_year_recid' as the label column of recid.csv (.rml.json)",
    );
    assert.ok(use, actions.map((action) => action.title).join(' | '));
    assert.ok(actions.some((action) => action.title.startsWith("Use 'c_charge_degree' as the label column")));
    const changes = (
      use.edit as { documentChanges: Array<{ kind?: string; uri?: string; edits?: Array<{ newText: string }> }> }
    ).documentChanges;
    const created = changes.find((change) => change.kind === 'create');
    const configUri = pathToFileURL(path.join(session.workspace, '.rml.json')).href;
    assert.equal(created?.uri, configUri, 'no .rml.json above the file: one is created at the workspace root');
    const written = changes.find((change) => change.edits)!.edits![0]!.newText;
    assert.deepEqual(JSON.parse(written), { dataset: { files: { 'recid/recid.csv': { label: 'two_year_recid' } } } });
  });
});

describe('language server: a column that identifies people', function () {
  const text =
    'first_name,street_address,score\n' +
    'Ana,"12 Elm St, Springfield",3\n' +
    'Ben,4 Oak Ave,\n' +
    ',,5\n' +
    'Chloé,"9 ""The Mews""",2\n';
  const session = serverOnFixtureCopy('rml-server-identifiers-', (workspace) => {
    mkdirSync(path.join(workspace, 'people'));
    writeFileSync(path.join(workspace, 'people/people.csv'), text);
    writeFileSync(path.join(workspace, 'people/.rml.json'), JSON.stringify({ salt: 'pepper-for-tests' }));
  });

  it('replaces every value of the column with its placeholder, or pseudonymises it, in one edit each', async () => {
    const file = path.join(session.workspace, 'people/people.csv');
    const uri = session.client.open(file, 'csv', text);
    const published = await session.client.nextDiagnostics(uri, (next) =>
      next.diagnostics.some((d) => d.code === 'data/direct-identifier'),
    );
    const onAddress = published.diagnostics.find(
      (d) => d.code === 'data/direct-identifier' && d.range.start.character > 0,
    )!;
    assert.match(onAddress.message, /'street_address' holds street addresses/);
    const actions = (await session.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: onAddress.range,
      context: { diagnostics: [onAddress] },
    })) as CodeAction[];
    const titles = actions.map((action) => action.title);
    const redact = actions.find((action) => action.title.startsWith("Replace every value of 'street_address'"));
    assert.ok(redact, titles.join(' | '));
    assert.equal(redact.title, "Replace every value of 'street_address' with <LOCATION> (3 cells)");
    const redacted = applyTextEdits(text, editsOf(redact));
    assert.equal(
      redacted,
      'first_name,street_address,score\nAna,"<LOCATION>",3\nBen,<LOCATION>,\n,,5\nChloé,"<LOCATION>",2\n',
      'the header, the other columns and the empty cell stay; a quoted cell stays quoted',
    );
    const hash = actions.find((action) => action.title.startsWith("Pseudonymise every value of 'street_address'"))!;
    const hashed = applyTextEdits(text, editsOf(hash)).split('\n');
    assert.match(hashed[1]!, /^Ana,"[0-9a-f]{64}",3$/);
    assert.match(hashed[4]!, /^Chloé,"[0-9a-f]{64}",2$/);
    assert.notEqual(hashed[1]!.split(',')[1], hashed[2]!.split(',')[1]);
  });
});

function editsOf(action: CodeAction): Parameters<typeof applyTextEdits>[1] {
  return action.edit!.documentChanges![0]!.edits! as Parameters<typeof applyTextEdits>[1];
}
