import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPrerequisites, readDriverOptions, REPO_ROOT } from '../lib/options';
import { workbenchUrl } from '../lib/workbench';

describe('e2e driver setup', () => {
  it('opens the workbench with the fixture folder and a payload naming the harness and the suite as remote URIs', () => {
    const url = new URL(
      workbenchUrl({
        serverUrl: 'http://127.0.0.1:4711',
        workspaceDir: '/tmp/run/workspace',
        developmentExtension: '/repo/test/e2e/harness',
        suiteModule: '/repo/out/e2e/suite.js',
      }),
    );
    assert.equal(url.origin, 'http://127.0.0.1:4711');
    assert.equal(url.searchParams.get('folder'), '/tmp/run/workspace');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4711/repo/test/e2e/harness'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:4711/repo/out/e2e/suite.js'],
    ]);
  });

  it('reads its settings from the environment, defaulting the extension id to this package', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
    };
    const env = { E2E_VSIX: 'some/dir/x-1.0.0.vsix', E2E_TIMEOUT_MS: '90000', E2E_GREP: 'redact', KEEP_E2E: '1' };
    const options = readDriverOptions(env);
    assert.equal(options.vsixPath, path.resolve('some/dir/x-1.0.0.vsix'));
    assert.equal(options.extensionId, `${manifest.publisher}.${manifest.name}`);
    assert.equal(options.timeoutMs, 90_000);
    assert.equal(options.testTimeoutMs, 60_000);
    assert.equal(options.grep, 'redact');
    assert.equal(options.keepTemporaryFiles, true);
    assert.equal(readDriverOptions({ E2E_VSIX: 'x.vsix', E2E_EXTENSION_ID: 'me.probe' }).extensionId, 'me.probe');
  });

  it('rejects a time-out that is not a positive whole number, naming the variable', () => {
    assert.throws(
      () => readDriverOptions({ E2E_VSIX: 'x.vsix', E2E_TIMEOUT_MS: '5m' }),
      /E2E_TIMEOUT_MS must be a positive whole number of milliseconds, got "5m"/,
    );
    assert.throws(() => readDriverOptions({ E2E_VSIX: 'x.vsix', E2E_TEST_TIMEOUT_MS: '0' }), /E2E_TEST_TIMEOUT_MS/);
  });

  it('lists every missing prerequisite with the step that provides it', () => {
    const options = {
      ...readDriverOptions({ E2E_VSIX: '/nowhere/x.vsix' }),
      codeServerEntry: '/nowhere/entry.js',
      chromiumPath: '/nowhere/chromium',
      suiteBundle: '/nowhere/suite.js',
    };
    assert.throws(
      () => checkPrerequisites(options),
      (error: Error) => {
        assert.match(error.message, /no extension package at \/nowhere\/x\.vsix \(run `npm run package`\)/);
        assert.match(error.message, /code-server is not installed \(run test\/e2e\/install-code-server\.sh\)/);
        assert.match(error.message, /no Chromium at \/nowhere\/chromium/);
        assert.match(error.message, /no suite bundle at \/nowhere\/suite\.js \(run `npm run build`\)/);
        return true;
      },
    );
  });
});
