import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dawnBinary } from '../../../src/engine/compute/dawn';
import { installNativeBackend } from '../../../src/engine/compute/installNative';
import { NATIVE_PACKAGES } from '../../../src/engine/compute/nativeModule';

/** An executable standing in for npm: a Node script that sees npm's arguments. */
function fakeNpm(dir: string, body: string): string {
  const file = path.join(dir, 'fake-npm');
  writeFileSync(file, `#!${process.execPath}\nconst args = process.argv.slice(2);\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('installNativeBackend', function () {
  let dir: string;
  before(function () {
    if (process.platform === 'win32') this.skip(); // the fake npm is a shebang script
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-install-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says the network is unreachable when npm cannot download, and how to install by hand', async () => {
    const npm = fakeNpm(
      dir,
      "console.error('npm error code ENOTFOUND'); console.error('npm error network request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org'); process.exit(1);",
    );
    const progress: string[] = [];
    await assert.rejects(
      installNativeBackend({
        packageName: '@tensorflow/tfjs-node',
        targetDir: path.join(dir, 'global'),
        npmCommand: npm,
        version: '4.22.0',
        onProgress: (line) => progress.push(line),
      }),
      (error: Error) => {
        assert.match(
          error.message,
          /^cannot install @tensorflow\/tfjs-node@4\.22\.0: npm could not reach registry\.npmjs\.org \(ENOTFOUND\) while downloading the package/,
        );
        assert.ok(
          error.message.includes(
            `${npm} install --prefix ${path.join(dir, 'global')} --no-audit --no-fund @tensorflow/tfjs-node@4.22.0`,
          ),
        );
        return true;
      },
    );
    assert.ok(
      progress.some((line) => line.includes('ENOTFOUND')),
      'npm output reaches onProgress',
    );
  });

  it("names libtensorflow's download host when the install script, not the registry, was unreachable", async () => {
    // npm 11's real output when storage.googleapis.com cannot be resolved (recorded on a machine with only the registry).
    const output = path.resolve(__dirname, '../../fixtures/compute/npm-libtensorflow-unreachable.txt');
    const npm = fakeNpm(
      dir,
      `process.stderr.write(require('fs').readFileSync(${JSON.stringify(output)}, 'utf8')); process.exit(1);`,
    );
    await assert.rejects(
      installNativeBackend({
        packageName: '@tensorflow/tfjs-node',
        targetDir: dir,
        npmCommand: npm,
        version: '4.22.0',
      }),
      (error: Error) => {
        assert.match(
          error.message,
          /^cannot install @tensorflow\/tfjs-node@4\.22\.0: the package downloaded, but its install script could not reach storage\.googleapis\.com \(ENOTFOUND\) while downloading libtensorflow/,
        );
        assert.doesNotMatch(error.message, /Node\.js v20|no network connection/);
        return true;
      },
    );
  });

  it('reports any other npm failure with its exit code', async () => {
    const npm = fakeNpm(dir, "console.error('npm error code EACCES'); process.exit(243);");
    await assert.rejects(
      installNativeBackend({ packageName: '@tensorflow/tfjs-node', targetDir: dir, npmCommand: npm }),
      /npm failed to install @tensorflow\/tfjs-node@\S+ \(exit code 243\): npm error code EACCES/,
    );
  });

  it('returns where the package resolves once npm has installed it under --prefix', async () => {
    const npm = fakeNpm(
      dir,
      `const fs = require('fs'), path = require('path');
       const prefix = args[args.indexOf('--prefix') + 1];
       const pkg = path.join(prefix, 'node_modules', '@tensorflow', 'tfjs-node');
       fs.mkdirSync(pkg, { recursive: true });
       fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', main: 'index.js' }));
       fs.writeFileSync(path.join(pkg, 'index.js'), '');
       console.log('added 1 package');`,
    );
    const target = path.join(dir, 'global');
    const installed = await installNativeBackend({
      packageName: '@tensorflow/tfjs-node',
      targetDir: target,
      npmCommand: npm,
    });
    assert.equal(installed.resolvedPath, path.join(target, 'node_modules', '@tensorflow', 'tfjs-node', 'index.js'));
  });

  it('installs Dawn (webgpu) at the version the extension was built with, where dawnBinary then finds it', async () => {
    const arch = process.platform === 'darwin' ? 'universal' : process.arch;
    const npm = fakeNpm(
      dir,
      `const fs = require('fs'); const path = require('path');
       const prefix = args[args.indexOf('--prefix') + 1];
       fs.writeFileSync(path.join(prefix, 'spec'), args.at(-1));
       const pkg = path.join(prefix, 'node_modules', 'webgpu');
       fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
       fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'webgpu', main: 'index.js' }));
       fs.writeFileSync(path.join(pkg, 'index.js'), '');
       fs.writeFileSync(path.join(pkg, 'dist', '${process.platform}-${arch}.dawn.node'), '');`,
    );
    const target = path.join(dir, 'global');
    const installed = await installNativeBackend({
      packageName: NATIVE_PACKAGES.dawn,
      targetDir: target,
      npmCommand: npm,
    });
    assert.equal(installed.packageName, 'webgpu');
    const { version } = JSON.parse(readFileSync(require.resolve('webgpu/package.json'), 'utf8')) as { version: string };
    assert.equal(readFileSync(path.join(target, 'spec'), 'utf8'), `webgpu@${version}`);
    assert.equal(dawnBinary([target])?.manifest, path.join(target, 'node_modules', 'webgpu', 'package.json'));
  });

  it('fails clearly when npm succeeds without installing anything, or is not there at all', async () => {
    const silent = fakeNpm(dir, 'process.exit(0);');
    await assert.rejects(
      installNativeBackend({ packageName: '@tensorflow/tfjs-node', targetDir: dir, npmCommand: silent }),
      /npm reported success but @tensorflow\/tfjs-node is not in/,
    );
    const missing = path.join(dir, 'no-such-npm');
    await assert.rejects(
      installNativeBackend({ packageName: '@tensorflow/tfjs-node', targetDir: dir, npmCommand: missing }),
      /no-such-npm' not found/,
    );
  });

  it('stops npm when cancelled', async () => {
    const npm = fakeNpm(dir, "require('fs').writeFileSync(process.env.MARK, 'started'); setTimeout(() => {}, 60000);");
    process.env.MARK = path.join(dir, 'started');
    const controller = new AbortController();
    const installing = installNativeBackend({
      packageName: '@tensorflow/tfjs-node',
      targetDir: dir,
      npmCommand: npm,
      signal: controller.signal,
    });
    while (!existsSync(process.env.MARK)) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await assert.rejects(installing, /installation cancelled/);
    delete process.env.MARK;
  });
});
