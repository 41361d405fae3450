import { strict as assert } from 'node:assert';
import { severityForConfidence } from '../../../src/engine/detectors/context';
import { found, texts } from './helpers';

describe('pii/ip', () => {
  it('finds public IPv4 addresses as warnings, errors with context', () => {
    const [match] = found('request from 81.2.69.142?', 'pii/ip');
    assert.ok(match);
    assert.equal(match.text, '81.2.69.142');
    assert.equal(severityForConfidence(match.confidence), 'warning');
    assert.ok(match.evidence.includes('public range: can identify a subscriber'));
    assert.equal(severityForConfidence(found('81.2.69.142', 'pii/ip', 'client_ip')[0]!.confidence), 'error');
    assert.equal(match.placeholder, '<IP_ADDRESS>');
  });

  it('keeps private, loopback and link-local addresses at low confidence and says why', () => {
    for (const [value, range] of [
      ['10.1.2.3', 'private'],
      ['192.168.0.1', 'private'],
      ['127.0.0.1', 'loopback'],
      ['169.254.10.20', 'link local'],
      ['::1', 'loopback'],
      ['fe80::1ff:fe23:4567:890a', 'link local'],
    ]) {
      const [match] = found(value!, 'pii/ip');
      assert.ok(match, value);
      assert.equal(severityForConfidence(match.confidence), 'information', value);
      assert.ok(
        match.evidence.some((reason) => reason.startsWith(`${range} range`)),
        `${value}: ${match.evidence.join('; ')}`,
      );
    }
  });

  it('reports unspecified, broadcast and multicast addresses at low confidence only (issue 16)', () => {
    for (const value of ['0.0.0.0', '255.255.255.255', '224.0.0.1', 'ff02::1']) {
      const [match] = found(value, 'pii/ip');
      assert.ok(match && match.confidence < 0.5, value);
    }
  });

  it('rejects invalid octets, leading zeros, longer dotted numbers and version numbers', () => {
    const notAddresses = [
      '256.1.1.1',
      '1.2.3.999',
      '01.02.03.04',
      '1.2.3.4.5',
      'v1.2.3.4',
      'version 1.2.3.4',
      'release 10.0.19041.1',
      'pi 3.14159.2.6',
      '1.2.3',
    ];
    for (const value of notAddresses) assert.deepEqual(texts(value, 'pii/ip'), [], value);
    assert.deepEqual(texts('1.2.3.4', 'pii/ip', 'version'), []);
    assert.deepEqual(texts('1.2.3.4', 'pii/ip', 'build_number'), []);
  });

  it('finds IPv6 in full, compressed and IPv4-embedded forms', () => {
    assert.deepEqual(texts('client 2a00:1450:4001:81b::200e.', 'pii/ip'), ['2a00:1450:4001:81b::200e']);
    assert.deepEqual(texts('2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'pii/ip'), [
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    ]);
    assert.deepEqual(texts('[2606:4700:4700::1111]:443', 'pii/ip'), ['2606:4700:4700::1111']);
    assert.deepEqual(texts('::ffff:81.2.69.142', 'pii/ip'), ['::ffff:81.2.69.142']);
  });

  it('rejects colon-separated look-alikes: times, MAC addresses, C++ scopes', () => {
    for (const value of [
      '10:30:45',
      '2024-01-15T10:30:00Z',
      '00:1a:2b:3c:4d:5e',
      'std::vector',
      'a::b',
      'Foo::Bar::baz',
      '::',
    ]) {
      assert.deepEqual(texts(value, 'pii/ip'), [], value);
    }
  });
});
