import { strict as assert } from 'node:assert';
import { severityForConfidence } from '../../../src/engine/detectors/context';
import { found, texts } from './helpers';

describe('pii/email', () => {
  it('finds addresses with exact ranges, subdomains, plus tags and country TLDs', () => {
    assert.deepEqual(texts('Contact: jane.doe@acme-corp.com.', 'pii/email'), ['jane.doe@acme-corp.com']);
    assert.deepEqual(texts('<o.brien+news@mail.co.uk>, x_y@sub.example-host.de', 'pii/email'), [
      'o.brien+news@mail.co.uk',
      'x_y@sub.example-host.de',
    ]);
    assert.deepEqual(texts('mailto:Someone@Company.ORG', 'pii/email'), ['Someone@Company.ORG']);
  });

  it('names the registered TLD in its evidence and uses the Presidio-style placeholder', () => {
    const [match] = found('jane@acme.io', 'pii/email');
    assert.ok(match);
    assert.equal(match.placeholder, '<EMAIL>');
    assert.equal(match.message, 'Email address');
    assert.ok(match.evidence.includes("top-level domain '.io' is registered at IANA"));
  });

  it('rejects file names, unregistered TLDs, hosts without a TLD and malformed local parts', () => {
    for (const value of [
      'icon@2x.png',
      'logo@3x.jpeg',
      'user@localhost',
      'admin@server.internal',
      'a@b.c',
      'jane..doe@acme.com',
      '@acme.com',
      'jane@',
      'jane@.com',
    ]) {
      assert.deepEqual(texts(value, 'pii/email'), [], value);
    }
  });

  it('does not take a URL password or an SSH remote for an address', () => {
    assert.deepEqual(texts('postgres://admin:s3cr3tP4ss@db.internal.com/prod', 'pii/email'), []);
    assert.deepEqual(texts('git clone git@github.com:org/repo.git', 'pii/email'), []);
  });

  it('keeps documentation domains at low confidence', () => {
    const [match] = found('user@example.com', 'pii/email');
    assert.ok(match);
    assert.equal(severityForConfidence(match.confidence), 'information');
    assert.ok(match.evidence.some((reason) => reason.includes('RFC 2606')));
  });

  it('raises confidence in an email column and lowers it in an id column', () => {
    const plain = found('jane@acme.io', 'pii/email')[0]!.confidence;
    const inEmailColumn = found('jane@acme.io', 'pii/email', 'customerEmail')[0]!;
    const inIdColumn = found('jane@acme.io', 'pii/email', 'user_id')[0]!;
    assert.ok(inEmailColumn.confidence > plain);
    assert.ok(inEmailColumn.evidence.includes("column 'customerEmail' names email addresses"));
    assert.ok(inIdColumn.confidence < plain);
    assert.equal(severityForConfidence(inIdColumn.confidence), 'warning');
  });
});
