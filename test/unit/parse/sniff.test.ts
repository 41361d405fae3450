import { strict as assert } from 'node:assert';
import { sniffDelimiter } from '../../../src/engine/parse/sniff';

describe('sniffDelimiter', () => {
  it('picks the delimiter that splits every line the same way', () => {
    assert.equal(sniffDelimiter('a,b,c\n1,2,3\n'), ',');
    assert.equal(sniffDelimiter('a\tb\tc\n1\t2\t3\n'), '\t');
    assert.equal(sniffDelimiter('a;b;c\n1,5;2,5;3\n'), ';', 'decimal commas do not fool it');
    assert.equal(sniffDelimiter('a|b\n1|2\n'), '|');
  });

  it('ignores delimiters inside quotes, quoted line breaks included', () => {
    assert.equal(sniffDelimiter('name;note\n"Ann";"x, y, z"\n"Bob";"a,\nb,c"\n'), ';');
  });

  it('prefers consistency over frequency', () => {
    // Commas vary per line (prose), tabs are always one.
    assert.equal(sniffDelimiter('text\tlabel\nhello, world, again\t1\nok\t0\nfine, thanks\t1\n'), '\t');
  });

  it('falls back to a comma, and copes with a cut last line', () => {
    assert.equal(sniffDelimiter('just one column\nanother\n'), ',');
    assert.equal(sniffDelimiter(''), ',');
    assert.equal(sniffDelimiter('a;b\n1;2\n3;'), ';');
  });
});
