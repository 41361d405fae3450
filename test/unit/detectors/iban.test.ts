import { strict as assert } from 'node:assert';
import { found, texts } from './helpers';

// Example IBANs of the SWIFT IBAN registry, one per country (SEPA and beyond). Presidio validates IBANs the
// same way: ISO 13616 mod-97 and the country's length.
const REGISTRY_EXAMPLES = [
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'FR1420041010050500013M02606',
  'NL91ABNA0417164300',
  'BE68539007547034',
  'CH9300762011623852957',
  'NO9386011117947',
  'MT84MALT011000012345MTLCAST001S',
  'SA0380000000608010167519',
  'BR1800360305000010009795493C1',
  'ES9121000418450200051332',
  'IT60X0542811101000000123456',
  'PL61109010140000071219812874',
  'AT611904300234573201',
  'FI2112345600000785',
  'SE4550000000058398257466',
  'IE29AIBK93115212345678',
];

const spaced = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

describe('pii/iban', () => {
  it('finds registry examples of every country, unspaced and in groups of four', () => {
    for (const iban of REGISTRY_EXAMPLES) {
      assert.deepEqual(texts(`IBAN ${iban}.`, 'pii/iban'), [iban]);
      assert.deepEqual(texts(`to ${spaced(iban)} please`, 'pii/iban'), [spaced(iban)]);
    }
  });

  it('explains the validation and uses the <IBAN> placeholder', () => {
    const [match] = found('DE89 3704 0044 0532 0130 00', 'pii/iban');
    assert.ok(match);
    assert.equal(match.placeholder, '<IBAN>');
    assert.deepEqual(match.evidence, ['ISO 13616 mod-97 checksum valid', 'length 22 and account format match DE']);
    assert.equal(match.confidence, 0.9);
  });

  it('rejects a wrong checksum, a wrong length, an unknown country and a wrong account format', () => {
    for (const value of [
      'DE89370400440532013001',
      'DE8937040044053201300',
      'DE893704004405320130000',
      'XX89370400440532013000',
      'DE89A70400440532013000',
    ]) {
      assert.deepEqual(texts(value, 'pii/iban', 'iban'), [], value);
    }
  });

  it('rejects an IBAN inside a longer run, with inconsistent spacing, or in lower case', () => {
    assert.deepEqual(texts('DE89370400440532013000123', 'pii/iban'), []);
    assert.deepEqual(texts('ADE89370400440532013000', 'pii/iban'), []);
    assert.deepEqual(texts('DE89 37040044 0532 0130 00', 'pii/iban'), []);
    assert.deepEqual(texts('de89370400440532013000', 'pii/iban'), []);
  });

  it('finds several IBANs in one text', () => {
    assert.deepEqual(texts('from NL91ABNA0417164300 to BE68539007547034', 'pii/iban'), [
      'NL91ABNA0417164300',
      'BE68539007547034',
    ]);
  });

  it('raises confidence with bank context and lowers it in a checksum column', () => {
    assert.equal(found('NL91ABNA0417164300', 'pii/iban', 'bank_account')[0]!.confidence, 1);
    assert.ok(found('NL91ABNA0417164300', 'pii/iban', 'checksum')[0]!.confidence < 0.9);
  });
});
