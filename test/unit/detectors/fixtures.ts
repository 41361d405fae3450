/**
 * Values every detector must find, shared by the detector tests and the prefilter property test.
 * Secrets are built at run time from a seeded generator with FAKE in them: structurally valid, never real,
 * and no literal in the repository looks like a live key.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_HEX = '0123456789abcdef';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64 = `${ALNUM}+/`;
const BASE64URL = `${ALNUM}-_`;

/** mulberry32: a tiny seeded generator, so fake tokens are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` characters from `alphabet`, starting with `FAKE` (or `fake` / its hex look-alike `fa4e`). */
export function fakeBody(length: number, alphabet: string, seed: number): string {
  const marker = alphabet.includes('K') ? 'FAKE' : alphabet.includes('k') ? 'fake' : 'fa4e';
  const random = seeded(seed);
  let body = marker;
  while (body.length < length) body += alphabet[Math.floor(random() * alphabet.length)];
  return body.slice(0, length);
}

function base64url(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/** A 1Password service-account token: `ops_` and base64 JSON whose encoding ends in `fQ==` (a closing brace). */
function fakeOnePasswordToken(): string {
  let json = JSON.stringify({
    email: 'fake@1passwordserviceaccounts.lcl',
    secretKey: fakeBody(40, UPPER_ALNUM, 14),
    srpX: fakeBody(64, LOWER_HEX, 15),
  });
  while (!Buffer.from(json).toString('base64').endsWith('fQ==')) json = `${json.slice(0, -1)} }`;
  return `ops_${Buffer.from(json).toString('base64')}`;
}

export const FAKE_SECRETS = {
  awsAccessKey: `AKIA${fakeBody(16, UPPER_ALNUM, 1)}`,
  awsSecretKey: fakeBody(40, BASE64, 2),
  githubToken: `ghp_${fakeBody(36, ALNUM, 3)}`,
  githubFineGrained: `github_pat_${fakeBody(82, `${ALNUM}_`, 4)}`,
  gitlabToken: `glpat-${fakeBody(20, ALNUM, 5)}`,
  slackToken: `xoxb-1234567890-1234567890123-${fakeBody(24, ALNUM, 6)}`,
  slackWebhook: `https://hooks.slack.com/services/T${fakeBody(10, UPPER_ALNUM, 7)}/B${fakeBody(10, UPPER_ALNUM, 8)}/${fakeBody(24, ALNUM, 9)}`,
  stripeLive: `sk_live_${fakeBody(24, ALNUM, 10)}`,
  stripeTest: `sk_test_${fakeBody(24, ALNUM, 11)}`,
  npmToken: `npm_${fakeBody(36, ALNUM, 12)}`,
  openaiKey: `sk-proj-${fakeBody(74, ALNUM, 13)}T3BlbkFJ${fakeBody(74, ALNUM, 16)}`,
  anthropicKey: `sk-ant-api03-${fakeBody(93, BASE64URL, 17)}AA`,
  gcpApiKey: `AIza${fakeBody(35, BASE64URL, 18)}`,
  gcpOauthSecret: `GOCSPX-${fakeBody(28, BASE64URL, 19)}`,
  azureStorageKey: `${fakeBody(86, BASE64, 20)}==`,
  azureClientSecret: `abc8Q~${fakeBody(34, `${ALNUM}_~.`, 21)}`,
  sendgridKey: `SG.${fakeBody(22, ALNUM, 22)}.${fakeBody(43, ALNUM, 23)}`,
  twilioKey: `SK${fakeBody(32, LOWER_HEX, 24)}`,
  shopifyToken: `shpat_${fakeBody(32, ALNUM, 25)}`,
  linearKey: `lin_api_${fakeBody(40, ALNUM, 26)}`,
  huggingfaceToken: `hf_${fakeBody(34, LETTERS, 27)}`,
  onePasswordToken: fakeOnePasswordToken(),
  jwt: `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'fake-user-42', iat: 1700000000 })}.${fakeBody(43, BASE64URL, 28)}`,
  privateKey: `-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKE${fakeBody(56, BASE64, 29)}\n${fakeBody(64, BASE64, 30)}\n-----END RSA PRIVATE KEY-----`,
};

export interface Fixture {
  code: string;
  value: string;
  column?: string;
  /** The exact text the match must cover. */
  matched: string;
}

const s = FAKE_SECRETS;

export const SECRET_FIXTURES: Fixture[] = [
  { code: 'secret/aws-access-key', value: `aws_access_key_id=${s.awsAccessKey}`, matched: s.awsAccessKey },
  { code: 'secret/aws-secret-key', value: `aws_secret_access_key = "${s.awsSecretKey}"`, matched: s.awsSecretKey },
  { code: 'secret/github-token', value: `token: ${s.githubToken}`, matched: s.githubToken },
  { code: 'secret/github-token', value: s.githubFineGrained, matched: s.githubFineGrained },
  { code: 'secret/gitlab-token', value: `GITLAB_TOKEN=${s.gitlabToken}`, matched: s.gitlabToken },
  { code: 'secret/slack-token', value: `bot ${s.slackToken}`, matched: s.slackToken },
  { code: 'secret/slack-webhook', value: `post to ${s.slackWebhook}`, matched: s.slackWebhook },
  { code: 'secret/stripe-key', value: `stripe.api_key = '${s.stripeLive}'`, matched: s.stripeLive },
  { code: 'secret/npm-token', value: s.npmToken, matched: s.npmToken },
  { code: 'secret/openai-api-key', value: `OPENAI_API_KEY=${s.openaiKey}`, matched: s.openaiKey },
  { code: 'secret/anthropic-api-key', value: `x-api-key: ${s.anthropicKey}`, matched: s.anthropicKey },
  { code: 'secret/gcp-api-key', value: `?key=${s.gcpApiKey}&q=1`, matched: s.gcpApiKey },
  {
    code: 'secret/gcp-oauth-client-secret',
    value: `"client_secret": "${s.gcpOauthSecret}"`,
    matched: s.gcpOauthSecret,
  },
  {
    code: 'secret/azure-storage-key',
    value: `DefaultEndpointsProtocol=https;AccountName=fakeacct;AccountKey=${s.azureStorageKey};EndpointSuffix=core.windows.net`,
    matched: s.azureStorageKey,
  },
  {
    code: 'secret/azure-client-secret',
    value: `AZURE_CLIENT_SECRET=${s.azureClientSecret}`,
    matched: s.azureClientSecret,
  },
  { code: 'secret/sendgrid-api-key', value: s.sendgridKey, matched: s.sendgridKey },
  { code: 'secret/twilio-api-key', value: `twilio ${s.twilioKey}`, matched: s.twilioKey },
  { code: 'secret/shopify-token', value: s.shopifyToken, matched: s.shopifyToken },
  { code: 'secret/linear-api-key', value: s.linearKey, matched: s.linearKey },
  { code: 'secret/huggingface-token', value: `HF_TOKEN=${s.huggingfaceToken}`, matched: s.huggingfaceToken },
  { code: 'secret/1password-token', value: s.onePasswordToken, matched: s.onePasswordToken },
  { code: 'secret/jwt', value: `Authorization: Bearer ${s.jwt}`, matched: s.jwt },
  { code: 'secret/private-key', value: s.privateKey, matched: s.privateKey },
  {
    code: 'secret/url-credentials',
    value: 'git clone https://deploy:Xk9FAKEpw27q@git.example-host.com/repo.git',
    matched: 'deploy:Xk9FAKEpw27q',
  },
];

export const PII_FIXTURES: Fixture[] = [
  { code: 'pii/email', value: 'Contact: jane.doe@acme-corp.com.', matched: 'jane.doe@acme-corp.com' },
  { code: 'pii/email', value: 'o.brien+news@mail.co.uk', matched: 'o.brien+news@mail.co.uk' },
  { code: 'pii/phone', value: 'call +44 20 7946 0958 today', matched: '+44 20 7946 0958' },
  { code: 'pii/phone', value: '+1 (202) 555-0143', matched: '+1 (202) 555-0143' },
  { code: 'pii/phone', value: '(202) 555-0143', column: 'phone', matched: '(202) 555-0143' },
  { code: 'pii/credit-card', value: 'card 4314 1592 6535 8975', matched: '4314 1592 6535 8975' },
  { code: 'pii/credit-card', value: '5531-4159-2653-5896', matched: '5531-4159-2653-5896' },
  { code: 'pii/credit-card', value: 'amex 3731 415926 53589', matched: '3731 415926 53589' },
  { code: 'pii/iban', value: 'IBAN: DE89 3704 0044 0532 0130 00', matched: 'DE89 3704 0044 0532 0130 00' },
  { code: 'pii/iban', value: 'GB82WEST12345698765432', matched: 'GB82WEST12345698765432' },
  { code: 'pii/us-ssn', value: 'SSN 536-22-1234', matched: '536-22-1234' },
  { code: 'pii/us-ssn', value: '536221234', column: 'ssn', matched: '536221234' },
  { code: 'pii/ip', value: 'from 81.2.69.142?', matched: '81.2.69.142' },
  { code: 'pii/ip', value: 'client 2a00:1450:4001:81b::200e', matched: '2a00:1450:4001:81b::200e' },
  {
    code: 'pii/crypto-address',
    value: 'send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    matched: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  },
  {
    code: 'pii/crypto-address',
    value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    matched: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  },
  {
    code: 'pii/crypto-address',
    value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    matched: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  },
];

export const ALL_FIXTURES: Fixture[] = [...PII_FIXTURES, ...SECRET_FIXTURES];
