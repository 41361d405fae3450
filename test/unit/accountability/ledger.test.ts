import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { appendLedgerEntry, lineHash, readLedger, verifyLedger } from '../../../src/engine/accountability/ledger';
import type { LedgerEntry } from '../../../src/shared/ledger';
import { fakeIo } from '../cli/fakeIo';

const actor = { name: 'Test User', email: 'test@example.org', source: 'git' as const };

async function appendThree(
  ledger: string,
  signingKey?: ReturnType<typeof generateKeyPairSync>['privateKey'],
): Promise<void> {
  for (const action of ['run', 'scan', 'audit'] as const) {
    await appendLedgerEntry(
      ledger,
      {
        action,
        summary: `${action} entry`,
        inputs: [{ path: 'data/a.csv', sha256: 'ab'.repeat(32) }],
        details: { n: 0.1 + 0.2 },
      },
      { actor, ...(signingKey ? { signingKey } : {}) },
    );
  }
}

function lines(ledger: string): string[] {
  return readFileSync(ledger, 'utf8').trimEnd().split('\n');
}

function rewrite(ledger: string, edit: (lines: string[]) => string[]): void {
  writeFileSync(ledger, `${edit(lines(ledger)).join('\n')}\n`);
}

describe('ledger', () => {
  let dir: string;
  let ledger: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-ledger-'));
    ledger = path.join(dir, '.rml', 'ledger.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('chains each entry to the SHA-256 of the line before it', async () => {
    await appendThree(ledger);
    const [first, second, third] = lines(ledger).map((line) => JSON.parse(line) as LedgerEntry);
    assert.equal(first?.prev, '0'.repeat(64));
    assert.equal(second?.prev, lineHash(lines(ledger)[0]!));
    assert.equal(third?.seq, 3);
    assert.deepEqual(first?.actor, actor);
    const verification = await verifyLedger(ledger);
    assert.deepEqual(
      { ok: verification.ok, entries: verification.entries, head: verification.head },
      { ok: true, entries: 3, head: lineHash(lines(ledger)[2]!) },
    );
  });

  it('detects a changed entry at the line after it', async () => {
    await appendThree(ledger);
    rewrite(ledger, (all) =>
      all.map((line, i) => (i === 1 ? line.replace('scan entry', 'scan entry (edited)') : line)),
    );
    const verification = await verifyLedger(ledger);
    assert.equal(verification.ok, false);
    assert.equal(verification.firstBreak?.line, 3);
    assert.match(verification.firstBreak?.reason ?? '', /line 2 was changed/);
    assert.equal(verification.entries, 2);
  });

  it('detects a removed entry', async () => {
    await appendThree(ledger);
    rewrite(ledger, (all) => [all[0]!, all[2]!]);
    const verification = await verifyLedger(ledger);
    assert.deepEqual(verification.firstBreak?.line, 2);
  });

  it('detects reordered entries', async () => {
    await appendThree(ledger);
    rewrite(ledger, (all) => [all[0]!, all[2]!, all[1]!]);
    assert.equal((await verifyLedger(ledger)).firstBreak?.line, 2);
  });

  it('detects a rewritten or removed last entry against an expected head', async () => {
    await appendThree(ledger);
    const head = (await verifyLedger(ledger)).head!;
    assert.equal((await verifyLedger(ledger, { expectHead: head })).ok, true);
    rewrite(ledger, (all) => all.slice(0, 2));
    const truncated = await verifyLedger(ledger, { expectHead: head });
    assert.equal(truncated.ok, false);
    assert.match(truncated.firstBreak?.reason ?? '', /truncated or rewritten/);
  });

  it('signs entries with an Ed25519 key and catches an edited last entry by its signature', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await appendThree(ledger, privateKey);
    const intact = await verifyLedger(ledger, { publicKey });
    assert.deepEqual([intact.ok, intact.signed, intact.verified], [true, 3, 3]);
    rewrite(ledger, (all) => all.map((line, i) => (i === 2 ? line.replace('audit entry', 'nothing to see') : line)));
    const edited = await verifyLedger(ledger, { publicKey });
    assert.deepEqual(edited.firstBreak?.line, 3);
    assert.match(edited.firstBreak?.reason ?? '', /signature does not verify/);
    const other = generateKeyPairSync('ed25519').publicKey;
    assert.match((await verifyLedger(ledger, { publicKey: other })).firstBreak?.reason ?? '', /not by the given key/);
  });

  it('reports a torn last line, and the next append sets it aside and chains on', async () => {
    await appendThree(ledger);
    appendFileSync(ledger, '{"v":1,"seq":4,"at":"2026');
    const torn = await verifyLedger(ledger);
    assert.deepEqual([torn.ok, torn.firstBreak?.line], [false, 4]);
    await appendLedgerEntry(ledger, { action: 'fix', summary: 'after the crash' }, { actor });
    const after = await readLedger(ledger);
    assert.equal(after.verification.ok, true, after.verification.firstBreak?.reason);
    assert.deepEqual(
      after.entries.map((entry) => entry.entry.summary),
      ['run entry', 'scan entry', 'audit entry', 'after the crash'],
    );
    assert.equal(readdirSync(path.dirname(ledger)).filter((name) => name.includes('.torn-')).length, 1);
  });

  it('loses nothing when two processes append at the same time', async function () {
    this.timeout(60_000);
    const script = path.join(__dirname, 'appendMany.ts');
    const writer = (name: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['-r', 'tsx/cjs', script, ledger, name, '40'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += String(chunk)));
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited ${code}: ${stderr}`))));
      });
    await Promise.all([writer('A'), writer('B'), appendMany(ledger, 'C', 20)]);
    const { verification, entries } = await readLedger(ledger);
    assert.equal(verification.ok, true, verification.firstBreak?.reason);
    assert.equal(entries.length, 100);
    for (const name of ['A', 'B', 'C']) {
      const mine = entries
        .map(({ entry }) => entry.details as { writer: string; i: number })
        .filter((details) => details.writer === name)
        .map((details) => details.i);
      assert.deepEqual(
        mine,
        Array.from({ length: name === 'C' ? 20 : 40 }, (_, i) => i),
        `writer ${name}'s entries, in order`,
      );
    }
    assert.equal(existsSync(`${ledger}.lock`), false, 'the lock is released');
  });

  it('rml ledger verify exits 0 on an intact ledger and 1 with the broken line', async () => {
    writeFileSync(path.join(dir, '.rml.json'), '{}');
    await appendThree(ledger);
    const io = fakeIo(path.join(dir));
    assert.equal(await runCli(['ledger', 'verify', '--format', 'json'], io), 0);
    assert.equal(JSON.parse(io.out).entries, 3);
    rewrite(ledger, (all) => [all[1]!, all[0]!, all[2]!]);
    const broken = fakeIo(dir);
    assert.equal(await runCli(['ledger', 'verify'], broken), 1);
    assert.match(broken.out, /ledger\.jsonl:1: broken: 'prev' does not match/);
    const help = fakeIo(dir);
    assert.equal(await runCli(['ledger', '--help'], help), 0);
    assert.match(help.out, /--expect-head SHA256/);
  });
});

async function appendMany(ledger: string, writer: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await appendLedgerEntry(
      ledger,
      { action: 'scan', summary: `${writer} #${i}`, details: { writer, i } },
      { actor: { name: writer, source: 'os' } },
    );
  }
}
