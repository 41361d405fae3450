import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allCodes, FINDING_CODES_DOCS } from '../../../src/engine/codes';
import { CUSTOM_MESSAGES } from '../../../src/shared/protocol';

const readme = readFileSync(path.resolve('README.md'), 'utf8');

describe('README stays true', () => {
  it('documents every finding code the engine can report', () => {
    const missing = allCodes()
      .map((info) => info.code)
      .filter((code) => {
        // Secret kinds share one row: `secret/*` followed by each kind in backticks.
        const documented = code.startsWith('secret/')
          ? readme.includes(`\`${code.slice('secret/'.length)}\``)
          : readme.includes(`\`${code}\``);
        return !documented;
      });
    assert.deepEqual(missing, []);
  });

  it("gives every code a documentation link: its own reference, or the README's finding-code table", () => {
    assert.deepEqual(
      allCodes()
        .filter((info) => !info.helpUri)
        .map((info) => info.code),
      [],
    );
    assert.ok(FINDING_CODES_DOCS.endsWith('#finding-codes'));
    assert.match(readme, /^## Finding codes$/m, 'the anchor #finding-codes exists');
  });

  it('lists only paths that exist in "Repository structure"', () => {
    const section = readme.slice(readme.indexOf('## Repository structure'), readme.indexOf('## Development'));
    const paths = [...section.matchAll(/^\| ((?:`[^`]+`(?:, )?)+) \|/gm)].flatMap((match) =>
      [...match[1]!.matchAll(/`([^`]+)`/g)].map((inner) => inner[1]!),
    );
    assert.ok(paths.length > 15, `found ${paths.length} paths`);
    assert.deepEqual(
      paths.filter((entry) => !existsSync(path.resolve(entry))),
      [],
    );
  });

  it('names npm scripts that exist', () => {
    const scripts = Object.keys(
      JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')).scripts as Record<string, string>,
    );
    const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!);
    assert.deepEqual([...new Set(named.filter((name) => !scripts.includes(name)))], []);
  });

  it('lists every custom message of src/shared/protocol.ts with its direction, and nothing else', () => {
    const section = readme.slice(readme.indexOf('## Architecture'), readme.indexOf('## Repository structure'));
    const rows = [...section.matchAll(/^\| `(rml\/[\w/]+)` \| (client → server|server → client) \|/gm)].map((match) => [
      match[1],
      match[2],
    ]);
    const direction = { clientToServer: 'client → server', serverToClient: 'server → client', both: 'both' } as const;
    const declared = CUSTOM_MESSAGES.map((message) => [message.method, direction[message.messageDirection]]);
    assert.deepEqual(rows.sort(), declared.sort());
  });
});
