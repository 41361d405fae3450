import assert from 'node:assert/strict';
import { detectSensitiveData } from '../../../src/engine/detectors/index';

// Issue 16, item 3: the secret kinds detect-secrets' plugin tests exercise and the engine missed or over-reported.
// Formats: AWS IAM "Unique identifiers" prefixes; RFC 7519 (JWT) with RFC 7515 JWS compact form; OpenAI and
// Anthropic key prefixes; GitLab's token prefix documentation (lengths by prefix); Google's service-account key
// file; detect-secrets' KeywordDetector for generic assignments.

function found(value: string, column = 'notes'): Array<[string, string]> {
  return detectSensitiveData(value, { column })
    .filter((match) => match.code.startsWith('secret/'))
    .map((match) => [match.code, value.slice(match.start, match.end)]);
}

function segment(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

const UUID = '3f9c2a1e-7b4d-4e8a-9c1f-2d6b8e0a5f71';

describe('secret kinds of issue 16', () => {
  it('finds a legacy npm UUID token by its .npmrc key, and not a bare UUID', () => {
    assert.deepEqual(found(`//registry.npmjs.org/:_authToken=${UUID}`), [['secret/npm-token', UUID]]);
    assert.deepEqual(found(`request id ${UUID}`), []);
  });

  it('says what a context rule rests on, not "the documented token format"', () => {
    const [npm] = detectSensitiveData(`//registry.npmjs.org/:_authToken=${UUID}`, { column: 'notes' });
    assert.ok(
      npm?.evidence.some((line) => line.includes('.npmrc credential line')),
      npm?.evidence.join('; '),
    );
    const gcp = detectSensitiveData(`{"type": "service_account", "private_key_id": "${'ab12'.repeat(10)}"}`, {
      column: 'notes',
    }).find((match) => match.code === 'secret/gcp-service-account-key');
    assert.ok(
      gcp?.evidence.some((line) => line.includes('"service_account"')),
      gcp?.evidence.join('; '),
    );
  });

  it('reads any .npmrc credential line by its registry prefix, and nothing without one', () => {
    assert.deepEqual(found('//npm.corp.example/:_authToken=Corp_Registry_7'), [
      ['secret/npm-token', 'Corp_Registry_7'],
    ]);
    assert.deepEqual(found('//npm.corp.example/team/:_auth= dXNlcjpwYXNz'), [['secret/npm-token', 'dXNlcjpwYXNz']]);
    for (const lookAlike of [
      `_authToken=${UUID}`,
      `//npm.corp.example:_authToken=${UUID}`,
      `///:_authToken=${UUID}`,
      '//npm.corp.example/:_authToken=${NPM_TOKEN}',
      '//npm.corp.example/:_authToken=',
    ])
      assert.deepEqual(
        found(lookAlike).filter(([code]) => code === 'secret/npm-token'),
        [],
        lookAlike,
      );
  });

  it('finds a 40-character AWS secret key under any key naming AWS or a secret, and no other 40-character string', () => {
    const key = 'Hq3vN8xR2mT7kW1pZ5cY9bF4jL6sD0gA/uE+oI3n';
    assert.deepEqual(found(`aws_prod: ${key}`), [['secret/aws-secret-key', key]]);
    assert.deepEqual(found(`backup_secret_key="${key}"`), [['secret/aws-secret-key', key]]);
    assert.deepEqual(found(`checksum_b64: ${key}`), []);
  });

  it('finds legacy Slack session tokens and PuTTY key files', () => {
    const session = 'xoxs-912345-623452-773421-4f9a2c71be03d5e688';
    assert.deepEqual(found(`slack ${session}`), [['secret/slack-token', session]]);
    assert.deepEqual(found('PuTTY-User-Key-File-3: ssh-ed25519'), [['secret/private-key', 'PuTTY-User-Key-File-3']]);
  });

  it('finds AWS key ids of every documented prefix and rejects other prefixes and alphabets', () => {
    for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'ANPA', 'A3T7']) {
      const id = `${prefix}Z7QX2LMNB4VK3PRD`;
      assert.deepEqual(found(`aws id ${id}`), [['secret/aws-access-key', id]], prefix);
    }
    assert.deepEqual(found('aws id ABCDZ7QX2LMNB4VK3PRD'), []);
    assert.deepEqual(found('aws id ABIAZ7QX2LMNB4VK3PR0'), [], 'key ids are base32: no 0, 1, 8 or 9');
  });

  it('finds JWTs of two and three parts whose segments are JSON, and nothing that only looks like one', () => {
    const header = segment({ alg: 'HS256', typ: 'JWT' });
    const payload = segment({ sub: '1234567890', name: 'Ada Lovelace', iat: 1516239022 });
    const signed = `${header}.${payload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
    const unsecured = `${segment({ alg: 'none' })}.${payload}`;
    assert.deepEqual(found(`Bearer ${signed}`), [['secret/jwt', signed]]);
    assert.deepEqual(found(`token ${unsecured}`), [['secret/jwt', unsecured]]);
    assert.deepEqual(found(`token ${unsecured}.`), [['secret/jwt', `${unsecured}.`]]);
    assert.deepEqual(found(`token ${segment({ alg: 'none' })}.${payload}.forgedsignatureforgedsig`), []);
    assert.deepEqual(found(`eyJub3QganNvbiBhdCBhbGw.eyJzdGlsbCBub3QganNvbg`), []);
  });

  it('finds current OpenAI (project, service-account, admin) and Anthropic key formats', () => {
    // Every OpenAI key carries T3BlbkFJ (base64 of "OpenAI") between two random runs.
    const body = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1T3BlbkFJhJ3kL5mN7pQ9rS1tU3vW5xY7zA9bC1dE3fG5hJ7kL9mN1p';
    for (const prefix of ['sk-proj-', 'sk-svcacct-', 'sk-admin-']) {
      assert.deepEqual(
        found(`OPENAI_API_KEY=${prefix}${body}`),
        [['secret/openai-api-key', `${prefix}${body}`]],
        prefix,
      );
    }
    assert.deepEqual(found('sk-proj-short'), []);
    const noMarker = 'sk-proj-aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5xY7zA9bC1dE3';
    assert.deepEqual(found(noMarker), [], 'no T3BlbkFJ marker: not a key OpenAI issued');
    const anthropic = `sk-ant-api03-${'Xy7_Kp2-Qm9vRt4Lb8Nc3Wd6Hf1Jg5Zs0'.repeat(3).slice(0, 93)}AA`;
    assert.deepEqual(found(`key ${anthropic}`), [['secret/anthropic-api-key', anthropic]]);
  });

  it('finds an older Azure client secret only with Azure context', () => {
    const secret = 'Zx8.Kp2~Qm7-Rt4_Vb9.Nc3~Lw6-Hy1_Jd5K';
    assert.deepEqual(found(`AZURE_CLIENT_SECRET=${secret}`), [['secret/azure-client-secret', secret]]);
    assert.deepEqual(found(`client_secret: "${secret}" # tenant contoso`), [['secret/azure-client-secret', secret]]);
    assert.notDeepEqual(
      found(`client_secret: "${secret}"`).map(([code]) => code),
      ['secret/azure-client-secret'],
    );
  });

  it('recognises a GCP service-account key by its structure, as a whole file and leaf by leaf', () => {
    const id = '3f9c2a1e7b4d4e8a9c1f2d6b8e0a5f71aa00bb11';
    assert.deepEqual(found(`{"type": "service_account", "project_id": "demo", "private_key_id": "${id}"}`), [
      ['secret/gcp-service-account-key', id],
    ]);
    assert.deepEqual(found(id, 'private_key_id'), [['secret/gcp-service-account-key', id]]);
    assert.deepEqual(found(`{"type": "authorized_user", "private_key_id": "${id}"}`), []);
    assert.deepEqual(found(id, 'commit'), []);
  });

  it('accepts GitLab tokens only at the lengths GitLab issues for their prefix', () => {
    const good = [
      'glpat-Ab3dE5fG7hJ9kL1mN3pQ',
      'gldt-Ab3dE5fG7hJ9kL1mN3pQ',
      'glrt-Ab3dE5fG7hJ9kL1mN3pQ',
      `glptt-${'9f8e7d6c5b4a3928'.repeat(3).slice(0, 40)}`,
      'glimt-Ab3dE5fG7hJ9kL1mN3pQ5rS7t',
    ];
    for (const token of good) assert.deepEqual(found(`token ${token}`), [['secret/gitlab-token', token]], token);
    const lookAlikes = [
      'glpat-Ab3dE5fG7hJ9kL1mN3p',
      'glpat-Ab3dE5fG7hJ9kL1mN3pQ5',
      'gldt-Ab3dE5fG7hJ9kL1mN3pQ5rS7',
      'glptt-Ab3dE5fG7hJ9kL1mN3pQ',
      'glimt-Ab3dE5fG7hJ9kL1mN3pQ',
    ];
    for (const token of lookAlikes)
      assert.deepEqual(
        found(`token ${token}`).filter(([code]) => code === 'secret/gitlab-token'),
        [],
        token,
      );
  });

  it('finds secret-named keys inside identifiers, in subscripts and in `key "value";` statements', () => {
    const value = 'Vt7#qL2!xM9$';
    for (const line of [
      `mainpassword: ${value}`,
      `"serviceapikey": "${value}"`,
      `config["secret"] = "${value}"`,
      `private_key "${value}";`,
    ])
      assert.deepEqual(found(line), [['secret/keyword-assignment', value]], line);
  });

  it('finds values assigned to secret-named keys, scored by entropy, and skips placeholders and references', () => {
    const strong = detectSensitiveData('db_password: Zq8!vR3#mK9$wL2p', { column: 'config' });
    assert.deepEqual(
      strong.map((match) => match.code),
      ['secret/keyword-assignment'],
    );
    const weak = detectSensitiveData('password = "hunter2"', { column: 'config' });
    assert.equal(weak[0]?.code, 'secret/keyword-assignment');
    assert.ok(weak[0]!.confidence < strong[0]!.confidence, 'a dictionary-like password is less sure than a random one');
    assert.ok(weak[0]!.evidence.some((line) => line.includes('entropy')));
    for (const placeholder of [
      'password: ${DB_PASSWORD}',
      'api_key=changeme',
      'token: 5',
      'password: ********',
      'secret = process.env.SECRET',
      'The password is important: keep it safe',
      'api_key: <your key here>',
      'token: {{ vault_token }}',
      'db_password = "fake-but-long-enough"',
      'aws_secret_access_key: read_from_vault',
      'password = hash(user.salt)',
      "password = request.form['password']",
      'bypass = everything-listed',
      'this.token = token;',
      'const token = tokens[ i ];',
      '$.password = args => {',
    ]) {
      assert.deepEqual(found(placeholder, 'config'), [], placeholder);
    }
  });

  it('reads the assignment forms of common languages and formats, and the key names they use', () => {
    const value = 'Rq7vK2mXw9PzL4tB8nYc3HdF';
    for (const statement of [
      `deployToken = "${value}"`, // camel case
      `var deployToken string = "${value}"`, // Go, typed
      `val deployToken: String = "${value}"`, // Kotlin, typed
      `deployToken := \`${value}\``, // Go raw string
      `DEPLOY_TOKEN ?= "${value}"`, // Make
      `DEPLOY_TOKEN ::= "${value}"`,
      `$deployToken .= "${value}"`, // PHP
      `deploy_token: >\n  ${value}`, // YAML block scalar
      `<deployToken>${value}</deployToken>`, // XML element
      `<password>\n  ${value}\n</password>`,
      `service_creds = ${value}`,
      `"basic_auth": "${value}"`,
    ])
      assert.deepEqual(found(statement, 'config'), [['secret/keyword-assignment', value]], statement);
  });

  it('leaves keys meant to be shared, npm keys without a registry and weak values of vague names alone', () => {
    for (const statement of [
      'csrfToken = "Rq7vK2mXw9PzL4tB8nYc3HdF"',
      'xsrf-token: Rq7vK2mXw9PzL4tB8nYc3HdF',
      'publicToken = "Rq7vK2mXw9PzL4tB8nYc3HdF"',
      '_authToken=Rq7vK2mXw9PzL4tB8nYc3HdF',
      'auth: basic-only',
      'creds = default',
      'maxtoken = Rq7vK2mXw9PzL4tB8nYc3HdF',
      'APITOKEN=Rq7vK2mXw9PzL4tB8nYc3HdF',
    ])
      assert.deepEqual(found(statement, 'config'), [], statement);
  });

  it('reports a PEM private key block only when it holds key material', () => {
    const block = (body: string) => `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    assert.deepEqual(
      found(block('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'), 'config').map(([code]) => code),
      ['secret/private-key'],
    );
    assert.deepEqual(found(block('paste the key here'), 'config'), []);
  });
});

describe('PII odds and ends of issue 16', () => {
  it('reads a national-format number after "my number is" (Presidio\'s phone context words)', () => {
    const value = 'My number is (202) 555-0143, call after six.';
    assert.deepEqual(
      detectSensitiveData(value, { column: 'notes' }).map((match) => value.slice(match.start, match.end)),
      ['(202) 555-0143'],
    );
    assert.deepEqual(detectSensitiveData('order number 2025550143', { column: 'notes' }), []);
    assert.deepEqual(
      detectSensitiveData('2025550143', { column: 'cardNumber' }).filter((match) => match.code === 'pii/phone'),
      [],
    );
  });

  it('reports unspecified, broadcast, multicast and IPv4-mapped addresses at low confidence instead of missing them', () => {
    const value = 'bind 0.0.0.0, broadcast 255.255.255.255, mdns 224.0.0.251, ff02::1 and ::ffff:198.51.100.7';
    const ips = detectSensitiveData(value, { column: 'notes' }).filter((match) => match.code === 'pii/ip');
    assert.deepEqual(
      ips.map((match) => value.slice(match.start, match.end)),
      ['0.0.0.0', '255.255.255.255', '224.0.0.251', 'ff02::1', '::ffff:198.51.100.7'],
    );
    for (const match of ips.slice(0, 4))
      assert.ok(match.confidence < 0.5, `${value.slice(match.start, match.end)} ${match.confidence}`);
  });
});
