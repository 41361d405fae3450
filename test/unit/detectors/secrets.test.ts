import { strict as assert } from 'node:assert';
import { rules } from '@secretlint/secretlint-rule-preset-recommend';
import { SENSITIVE_DATA_CODES } from '../../../src/engine/detectors/codes';
import { severityForConfidence } from '../../../src/engine/detectors/context';
import { detectSensitiveData } from '../../../src/engine/detectors/index';
import { SECRETLINT_KINDS, SKIPPED_RULES } from '../../../src/engine/detectors/secret/secretlint-codes';
import { ValueSource, presetRules, runSecretlintRules } from '../../../src/engine/detectors/secret/secretlint-rules';
import { FAKE_SECRETS, SECRET_FIXTURES, fakeBody } from './fixtures';
import { found, texts } from './helpers';

const secretsIn = (value: string, column = '') =>
  detectSensitiveData(value, { column }).filter((match) => match.code.startsWith('secret/'));

describe('secret detection', () => {
  it('finds every credential family at its exact range', () => {
    for (const fixture of SECRET_FIXTURES) {
      const matches = secretsIn(fixture.value);
      const match = matches.find((candidate) => candidate.code === fixture.code);
      assert.ok(match, `${fixture.code} in ${fixture.value.slice(0, 60)}`);
      assert.equal(fixture.value.slice(match.start, match.end), fixture.matched, fixture.code);
      assert.equal(matches.length, 1, `${fixture.code}: ${matches.map((other) => other.code).join(', ')}`);
      assert.equal(match.placeholder, '<SECRET>');
    }
  });

  it('never repeats the secret in its message or evidence', () => {
    for (const fixture of SECRET_FIXTURES) {
      const match = secretsIn(fixture.value).find((candidate) => candidate.code === fixture.code)!;
      const told = [match.message, ...match.evidence, JSON.stringify(match.data ?? {})].join(' ');
      assert.ok(!told.includes(fixture.matched), fixture.code);
    }
  });

  it('reports real-looking keys as errors, test-mode Stripe keys and Twilio SIDs as warnings', () => {
    for (const fixture of SECRET_FIXTURES.filter((candidate) => candidate.code !== 'secret/twilio-api-key')) {
      const match = secretsIn(fixture.value).find((candidate) => candidate.code === fixture.code)!;
      assert.equal(severityForConfidence(match.confidence), 'error', fixture.code);
    }
    const testKey = found(FAKE_SECRETS.stripeTest, 'secret/stripe-key')[0]!;
    assert.equal(severityForConfidence(testKey.confidence), 'warning');
    assert.ok(testKey.evidence.includes('test-mode key: no live payments, still account access'));
  });

  it('keeps low-entropy placeholders at low confidence', () => {
    for (const [value, code] of [
      [`ghp_${'x'.repeat(36)}`, 'secret/github-token'],
      [`sk_live_${'x'.repeat(24)}`, 'secret/stripe-key'],
      [`AKIA${'0'.repeat(16)}`, 'secret/aws-access-key'],
      [`glpat-${'ab'.repeat(10)}`, 'secret/gitlab-token'],
    ] as const) {
      const [match] = found(value, code);
      assert.ok(match, value);
      assert.equal(severityForConfidence(match.confidence), 'information', value);
      assert.ok(
        match.evidence.some((reason) => reason.startsWith('low character entropy')),
        value,
      );
    }
  });

  it('narrows URL credentials to user:password and lowers placeholder passwords', () => {
    assert.deepEqual(texts('mysql://app:Zq8FAKEx41@db.example-host.com:3306/shop', 'secret/url-credentials'), [
      'app:Zq8FAKEx41',
    ]);
    const [placeholder] = found('https://user:password@host.example-host.com/', 'secret/url-credentials');
    assert.ok(placeholder);
    assert.equal(severityForConfidence(placeholder.confidence), 'information');
  });

  it("follows secretlint's allow-list of AWS documentation examples", () => {
    assert.deepEqual(texts('AKIAIOSFODNN7EXAMPLE', 'secret/aws-access-key'), []);
    assert.deepEqual(
      texts('aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret/aws-secret-key'),
      [],
    );
  });

  it('reports the AWS secret key itself, not the start of its assignment', () => {
    const value = `export AWS_SECRET_ACCESS_KEY=${FAKE_SECRETS.awsSecretKey}`;
    assert.deepEqual(texts(value, 'secret/aws-secret-key'), [FAKE_SECRETS.awsSecretKey]);
  });

  it('narrows an AWS account ID to its digits and keeps it a warning', () => {
    const [match] = found('aws_account_id: "1234-5678-9012"', 'secret/aws-account-id');
    assert.ok(match);
    assert.equal(match.text, '1234-5678-9012');
    assert.equal(severityForConfidence(match.confidence), 'warning');
  });

  it('accepts only signed JWTs whose header and payload are JSON', () => {
    const b64 = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: 'fake-user' })}.${fakeBody(43, 'abcdefghijklmnop', 1)}`;
    const notJson = `eyJub3QganNvbg.${b64({ sub: 'fake-user' })}.${fakeBody(43, 'abcdefghijklmnop', 2)}`;
    assert.deepEqual(texts(unsigned, 'secret/jwt'), []);
    assert.deepEqual(texts(notJson, 'secret/jwt'), []);
    assert.deepEqual(found(FAKE_SECRETS.jwt, 'secret/jwt')[0]!.evidence, [
      'header decodes to JSON, signed with HS256',
      'payload claims: sub, iat',
    ]);
  });

  it('ignores hashes, UUIDs, base64 blobs and prose without key structure', () => {
    const values = [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '550e8400-e29b-41d4-a716-446655440000',
      Buffer.from('just some ordinary text that happens to be base64 encoded for transport, nothing more').toString(
        'base64',
      ),
      'The password policy requires a token length of at least 16 characters.',
      'sk-this-is-not-a-key-at-all-just-words',
      '#ff8800 #00ff00 rgb(12, 34, 56)',
    ];
    for (const value of values) assert.deepEqual(secretsIn(value, 'token'), [], value);
  });

  it('maps every message of every preset rule it runs to a documented code', () => {
    const documented = new Set(SENSITIVE_DATA_CODES.map((entry) => entry.code));
    for (const rule of rules) {
      if (SKIPPED_RULES.has(rule.meta.id)) continue;
      for (const messageId of Object.keys(rule.messages)) {
        const kind = SECRETLINT_KINDS[`${rule.meta.id}:${messageId}`];
        assert.ok(kind, `${rule.meta.id}:${messageId} has no code`);
        assert.ok(documented.has(kind.code), kind.code);
      }
    }
  });

  it('runs the preset rules synchronously, with or without keyword gating, to the same reports', () => {
    assert.equal(presetRules().length, rules.length - SKIPPED_RULES.size);
    for (const rule of presetRules()) {
      for (const fixture of SECRET_FIXTURES)
        assert.equal(rule.file(new ValueSource(fixture.value)), undefined, rule.id);
    }
    const values = [
      ...SECRET_FIXTURES.map((fixture) => fixture.value),
      'nothing here',
      `aws_account_id = 1234-5678-9012`,
      `https://${fakeBody(20, 'abc', 3)}:x-oauth-basic@github.com/org/repo`,
    ];
    for (const value of values)
      assert.deepEqual(runSecretlintRules(value, true), runSecretlintRules(value, false), value.slice(0, 50));
  });
});
