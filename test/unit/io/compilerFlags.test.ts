import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { compilerFlagFor } from '../../../src/engine/io/compilerFlags';

/** The compiler flag a scan with worker threads sets (src/engine/io/compilerFlags.ts). */
describe('compiler flags of a scan with worker threads', () => {
  const flag = '--max-inlined-bytecode-size=100';

  it('limits TurboFan inlining on the V8 majors known to have the flag', () => {
    assert.equal(compilerFlagFor('11.3.244.8-node.38', []), flag);
    assert.equal(compilerFlagFor('9.4.146.26-node.26', []), flag);
    assert.equal(compilerFlagFor('13.6.233.10-node.18', []), flag);
  });

  it('sets nothing on a V8 it does not know (an unknown flag prints an error) or a version it cannot read', () => {
    assert.equal(compilerFlagFor('14.1.146.11-node.7', []), undefined);
    assert.equal(compilerFlagFor('8.4.371.23-node.89', []), undefined);
    assert.equal(compilerFlagFor('', []), undefined);
  });

  it("leaves the user's own setting alone, in node's arguments or NODE_OPTIONS, spelt either way", () => {
    assert.equal(compilerFlagFor('11.3.244.8', ['--max-inlined-bytecode-size=300']), undefined);
    assert.equal(compilerFlagFor('11.3.244.8', [], '--inspect --max_inlined_bytecode_size=50'), undefined);
    // Another flag that starts with the same words is not this one.
    assert.equal(compilerFlagFor('11.3.244.8', ['--max-inlined-bytecode-size-cumulative=500']), flag);
  });

  /** Runs `calls` on a fresh copy of the module in a child process: its answers, and what it printed on stderr. */
  function inChild(calls: string): { answers: boolean[]; stderr: string } {
    const module = path.resolve(__dirname, '../../../src/engine/io/compilerFlags.ts');
    const script = `const f = require(${JSON.stringify(module)}); console.log(JSON.stringify([${calls}]));`;
    const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    return { answers: JSON.parse(child.stdout) as boolean[], stderr: child.stderr };
  }

  it('is set once, in a process that allowed it, for a file under 512 MiB or many small files', () => {
    const allowed = inChild(
      'f.tuneCompilerForScans(1e8), (f.allowCompilerTuning(), f.tuneCompilerForScans(1e8)), f.tuneCompilerForScans()',
    );
    assert.deepEqual(allowed.answers, [false, true, false]);
    assert.equal(allowed.stderr, '', 'this Node takes the flag without a word');
    const small = inChild('(f.allowCompilerTuning(), f.tuneCompilerForScans())');
    assert.deepEqual(small.answers, [true]);
  });

  it('leaves V8 as it is for a file of 512 MiB or more (a later smaller one may still set it)', () => {
    const big = inChild(
      '(f.allowCompilerTuning(), f.tuneCompilerForScans(f.TUNED_BELOW_BYTES)), f.tuneCompilerForScans(1e6)',
    );
    assert.deepEqual(big.answers, [false, true]);
  });
});
