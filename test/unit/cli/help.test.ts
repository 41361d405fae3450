import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/cli/io';
import { COMMANDS, runCli } from '../../../src/cli/main';
import { defineCommand, parseCommand, renderHelp } from '../../../src/cli/options';
import { fakeIo } from './fakeIo';

/** `--help` on every command, from its option table: each option with a description and a default, and examples. */
describe('rml --help', () => {
  for (const name of Object.keys(COMMANDS)) {
    it(`rml ${name} --help lists every option with a one-line description and its default, and an example`, async () => {
      const io = fakeIo(process.cwd());
      assert.equal(await runCli([name, '--help'], io), 0);
      const spec = COMMANDS[name]!.load().spec;
      assert.match(io.out, new RegExp(`^rml ${name} — `));
      assert.match(io.out, new RegExp(`^Usage: rml ${name} `, 'm'));
      for (const [option, details] of Object.entries(spec.options)) {
        const line = io.out.split('\n').find((candidate) => new RegExp(`^\\s+(-\\w, )?--${option}\\b`).test(candidate));
        assert.ok(line, `--${option} is listed`);
        // Long descriptions wrap onto the following lines.
        const described = io.out.slice(io.out.indexOf(line)).replace(/\s+/g, ' ');
        assert.ok(
          details.description.length > 0 && !details.description.includes('\n'),
          `--${option} has a one-line description`,
        );
        assert.ok(details.required || details.default !== undefined, `--${option} documents its default`);
        assert.ok(described.includes(details.description), `--${option}'s description is printed`);
        assert.ok(
          described.includes(details.required ? '(required)' : `(default: ${details.default})`),
          `--${option}'s default is printed`,
        );
      }
      assert.match(io.out, /^\s+-h, --help\s+show this help/m);
      assert.match(io.out, new RegExp(`^Examples:\\n  rml ${name} `, 'm'));
    });
  }

  it('answers `rml help <command>` as `rml <command> --help`, and lists every command without one', async () => {
    const help = fakeIo(process.cwd());
    const flag = fakeIo(process.cwd());
    assert.equal(await runCli(['help', 'train'], help), 0);
    assert.equal(await runCli(['train', '-h'], flag), 0);
    assert.equal(help.out, flag.out);
    const list = fakeIo(process.cwd());
    assert.equal(await runCli(['--help'], list), 0);
    for (const name of Object.keys(COMMANDS)) assert.match(list.out, new RegExp(`^  ${name}\\s+\\S`, 'm'));
  });

  it('parses with the same table it prints: typed values, unknown options refused', () => {
    const spec = defineCommand({
      usage: '<file>',
      options: {
        epochs: { type: 'string', value: 'N', description: 'most epochs', default: '100', group: 'Training' },
        quiet: { type: 'boolean', short: 'q', description: 'say less', default: 'off' },
      },
      examples: ['rml demo data.csv --epochs 3'],
    });
    const { values, positionals } = parseCommand(spec, ['data.csv', '--epochs', '3', '-q']);
    assert.deepEqual({ ...values }, { epochs: '3', quiet: true });
    assert.deepEqual(positionals, ['data.csv']);
    assert.throws(
      () => parseCommand(spec, ['--epoch', '3']),
      (error: Error) =>
        error instanceof UsageError &&
        error.message === "unknown option '--epoch': did you mean --epochs? (--help lists the options)",
    );
    assert.throws(
      () => parseCommand(spec, ['--verbose']),
      (error: Error) => error.message === "unknown option '--verbose' (--help lists the options)",
    );
    const text = renderHelp('demo', 'a demonstration', spec);
    assert.match(text, /^Options:\n  -q, --quiet\s+say less \(default: off\)$/m);
    assert.match(text, /^Training:\n      --epochs N\s+most epochs \(default: 100\)$/m);
  });

  it('rml scan accepts every option its help lists (scan.ts parses its own arguments)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rml-help-'));
    try {
      writeFileSync(path.join(dir, 'a.csv'), 'name\nx\n');
      writeFileSync(path.join(dir, '.rml.json'), '{}');
      const values: Record<string, string> = {
        format: 'json',
        'fail-on': 'none',
        config: path.join(dir, '.rml.json'),
        workers: '2',
      };
      for (const [option, details] of Object.entries(COMMANDS.scan!.load().spec.options)) {
        const io = fakeIo(dir);
        const args = ['scan', 'a.csv', `--${option}`, ...(details.type === 'string' ? [values[option] ?? 'x'] : [])];
        assert.equal(await runCli(args, io), 0, `${args.join(' ')}: ${io.err}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
