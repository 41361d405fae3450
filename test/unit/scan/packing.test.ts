import { strict as assert } from 'node:assert';
import { MessageChannel } from 'node:worker_threads';
import { cutLine } from '../../../src/engine/findings';
import { Packer, Unpacker, packedAsLine, transferOf, type Packed } from '../../../src/engine/scan/packing';
import type { Finding } from '../../../src/shared/findings';

const finding = (line: number, evidence: string): Finding => ({
  file: 'data/customers.csv',
  code: 'pii/email',
  severity: 'error',
  message: "Email address in column 'email'",
  range: { start: { line, character: 4 }, end: { line, character: 4 + evidence.length } },
  data: { fingerprint: `fp-${line}`, evidence: [evidence] },
});

/** The values back, from a Packed that crossed a thread boundary as `transferOf` hands it over. */
async function acrossThreads(packed: Packed): Promise<Packed> {
  const { port1, port2 } = new MessageChannel();
  const arrived = new Promise<Packed>((resolve) => port2.once('message', resolve));
  port1.postMessage(packed, transferOf(packed));
  const received = await arrived;
  port1.close();
  return received;
}

describe('Packer and Unpacker (findings on their way between threads)', () => {
  it('give back every kind of value, strings of any code units included, with members in order', async () => {
    const values: unknown[] = [
      0,
      -1.5,
      Number.MAX_SAFE_INTEGER,
      '',
      'plain',
      'ü ß 中文 😀', // non-ASCII and a surrogate pair
      '\ud800 lone \udfff', // lone surrogates: UTF-8 could not carry them back
      'x'.repeat(5000), // longer than the interned strings
      true,
      false,
      null,
      undefined,
      [1, 'two', [3, { four: 4 }]],
      { b: 1, a: 'x', nested: { list: ['y', 'y', 'y'], none: undefined } },
      { b: 2, a: 'z', nested: { list: [], none: null } }, // the same shape again
      JSON.parse('{"__proto__": "kept as a member"}'),
    ];
    const packer = new Packer();
    for (const value of values) packer.value(value);
    const packed = await acrossThreads(packer.take());
    const unpacker = new Unpacker(packed);
    const back: unknown[] = [];
    while (!unpacker.done) back.push(unpacker.value());
    assert.deepEqual(back, values);
    assert.deepEqual(Object.keys(back[13] as object), ['b', 'a', 'nested']);
    assert.equal(Object.getOwnPropertyDescriptor(back[15], '__proto__')?.value, 'kept as a member');
  });

  it('gives back report lines as cut, pieces that repeat stored once', async () => {
    const packer = new Packer();
    const format = 'text' as const;
    const findings = [finding(3, 'a@example.com'), finding(4, 'a@example.com'), finding(9, 'b@example.org')];
    for (const found of findings) assert.ok(packedAsLine(packer, format, found, 7));
    const packed = await acrossThreads(packer.take());
    const unpacker = new Unpacker(packed);
    for (const found of findings) {
      assert.equal(unpacker.value(), 7);
      assert.deepEqual(unpacker.line(), cutLine(format, found));
    }
    assert.ok(unpacker.done);
    // The file's piece is stored once for all three lines, the tail of lines 3 and 4 (the same) once for both.
    const text = String.fromCharCode(...packed.text);
    assert.equal(text.split('data/customers.csv:').length - 1, 1);
    assert.equal(text.split('a@example.com').length - 1, 1);
  });

  it('starts empty again after take, its buffers handed over', () => {
    const packer = new Packer();
    packer.value({ evidence: 'first' });
    const first = packer.take();
    packer.value('second');
    const second = packer.take();
    assert.notEqual(first.text.buffer, second.text.buffer);
    const unpacker = new Unpacker(second);
    assert.equal(unpacker.value(), 'second');
    assert.ok(unpacker.done);
  });

  it('refuses a string id outside the table rather than answering undefined', () => {
    const packer = new Packer();
    packer.value('only');
    const packed = packer.take();
    const corrupt: Packed = { ...packed, numbers: Float64Array.from([1, 5]) };
    assert.throws(() => new Unpacker(corrupt).value(), /corrupt packed values \(string 5 of 1\)/);
  });
});
