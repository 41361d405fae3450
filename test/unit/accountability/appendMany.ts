/**
 * A separate writer process for the concurrency test: appends `count` entries to `ledger`, tagged `writer`.
 *   node -r tsx/cjs appendMany.ts LEDGER WRITER COUNT
 */
import { appendLedgerEntry } from '../../../src/engine/accountability/ledger/append';

async function main(): Promise<void> {
  const [ledger, writer, count] = process.argv.slice(2);
  if (!ledger || !writer || !count) throw new Error('usage: appendMany.ts LEDGER WRITER COUNT');
  for (let i = 0; i < Number(count); i++) {
    await appendLedgerEntry(
      ledger,
      { action: 'scan', summary: `${writer} #${i}`, details: { writer, i } },
      { actor: { name: writer, source: 'os' } },
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
