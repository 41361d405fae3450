import { strict as assert } from 'node:assert';
import { eip55Valid } from '../../../src/engine/detectors/pii/crypto-address';
import { found, texts } from './helpers';

// EIP-55's own test vectors (eips.ethereum.org/EIPS/eip-55).
const EIP55_VECTORS = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

describe('pii/crypto-address', () => {
  it('finds Bitcoin P2PKH and P2SH addresses with a valid Base58Check checksum', () => {
    const [p2pkh] = found('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'pii/crypto-address');
    assert.ok(p2pkh);
    assert.equal(p2pkh.text, '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2');
    assert.deepEqual(p2pkh.evidence, ['Base58Check checksum valid (double SHA-256)', 'Bitcoin P2PKH address']);
    assert.equal(p2pkh.placeholder, '<CRYPTO_ADDRESS>');
    assert.deepEqual(
      found('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'pii/crypto-address')[0]!.evidence[1],
      'Bitcoin P2SH address',
    );
  });

  it('finds SegWit addresses by their bech32 (BIP 173) or bech32m (BIP 350) checksum', () => {
    assert.deepEqual(texts('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'pii/crypto-address'), [
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ]);
    assert.deepEqual(texts('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'pii/crypto-address'), [
      'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    ]);
    const [taproot] = found('bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297', 'pii/crypto-address');
    assert.ok(taproot);
    assert.deepEqual(taproot.evidence, ['bech32m checksum valid', 'Bitcoin SegWit v1 address']);
  });

  it('rejects altered checksums, mixed case bech32 and the wrong checksum variant for the version', () => {
    const invalid = [
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3',
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdQ',
      // BIP 350 invalid vectors: a v1+ program with a bech32 checksum, a v0 program with a bech32m one.
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd',
      'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh',
    ];
    for (const value of invalid) assert.deepEqual(texts(value, 'pii/crypto-address', 'wallet'), [], value);
  });

  it('finds Ethereum addresses with a valid EIP-55 checksum and rejects a flipped letter', () => {
    for (const address of EIP55_VECTORS) {
      assert.ok(eip55Valid(address.slice(2)), address);
      assert.deepEqual(texts(`pay ${address}`, 'pii/crypto-address'), [address]);
    }
    const flipped = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD';
    assert.equal(eip55Valid(flipped.slice(2)), false);
    assert.deepEqual(texts(flipped, 'pii/crypto-address', 'wallet'), []);
  });

  it('counts checksum-less (single-case) Ethereum addresses only with context', () => {
    const lower = EIP55_VECTORS[0]!.toLowerCase();
    assert.deepEqual(texts(lower, 'pii/crypto-address'), []);
    assert.deepEqual(texts(lower, 'pii/crypto-address', 'wallet_address'), [lower]);
    assert.deepEqual(texts(`my eth wallet: ${lower}`, 'pii/crypto-address'), [lower]);
  });

  it('ignores hashes and base64 blobs', () => {
    const lookAlikes = [
      `0x${'da39a3ee5e6b4b0d3255bfef95601890afd80709'}`,
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'dGhpcyBpcyBub3QgYSBrZXkganVzdCBzb21lIGJhc2U2NCB0ZXh0IGZvciB0ZXN0aW5n',
      '1Mzk2MjE3NjQ4NjQ1OTM4NzE4NTY3MzQ1Njc4OQ',
    ];
    for (const value of lookAlikes) assert.deepEqual(texts(value, 'pii/crypto-address'), [], value);
  });
});
