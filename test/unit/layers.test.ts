import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test/fixtures/layers');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

// CI terminals make dependency-cruiser colour its report; the assertions read plain text.
const PLAIN = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
const ANSI = /\u001b\[[0-9;]*m/g;

/** Runs the project's layer check (`npm run lint:layers`) on `cwd`, its report without colour codes. */
function cruise(cwd: string, target = 'src') {
  const result = spawnSync(
    process.execPath,
    [CLI, '--config', path.join(ROOT, '.ci/dependency-cruiser.cjs'), '--output-type', 'err', target],
    {
      cwd,
      encoding: 'utf8',
      env: PLAIN,
    },
  );
  return { status: result.status, out: (result.stdout + result.stderr).replace(ANSI, '') };
}

describe('layer check (dependency-cruiser)', function () {
  this.timeout(60_000);

  it('fails on each broken layer rule, naming both files', () => {
    const result = cruise(FIXTURE);
    assert.notEqual(result.status, 0);
    const out = result.out;
    assert.match(out, /no-cycles: src\/engine\/alpha\/tick\.ts → /);
    assert.match(out, /engine-imports-no-editor: src\/engine\/beta\/usesServer\.ts → src\/server\/send\.ts/);
    assert.match(out, /extension-host-imports-only-shared: src\/extension\/host\.ts → src\/engine\/alpha\/tick\.ts/);
    assert.match(out, /shared-is-the-bottom: src\/shared\/up\.ts → src\/extension\/host\.ts/);
    assert.match(out, /engine-folders-have-a-front-door: src\/engine\/beta\/deep\.ts → src\/engine\/gamma\/inner\.ts/);
    assert.match(out, /processes-use-the-engine-front-doors: src\/cli\/command\.ts → src\/engine\/gamma\/inner\.ts/);
  });

  it('lets code in other folders through the front door, and a lazy require inside a folder', () => {
    const out = cruise(FIXTURE).out;
    assert.doesNotMatch(out, /viaDoor\.ts/);
    assert.doesNotMatch(out, /lazy\.ts/);
  });

  it('passes on the product', () => {
    const result = spawnSync(
      process.execPath,
      [CLI, '--config', '.ci/dependency-cruiser.cjs', '--output-type', 'err', 'src', 'webviews'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: PLAIN,
      },
    );
    assert.equal(result.status, 0, (result.stdout + result.stderr).replace(ANSI, ''));
  });
});
