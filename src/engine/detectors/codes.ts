/** The codes the PII and secret detectors report, for the README, hovers and SARIF rules. */

export interface SensitiveDataCode {
  code: string;
  title: string;
  description: string;
  helpUri?: string;
}

const SECRETLINT_DOCS = 'https://github.com/secretlint/secretlint/tree/master/packages/%40secretlint';

const pii = (code: string, title: string, description: string): SensitiveDataCode => ({ code, title, description });
const secret = (code: string, title: string, description: string, rule?: string): SensitiveDataCode => ({
  code,
  title,
  description: `${description} Rotate it and remove it from the data: a credential in a training set can be memorised and reproduced by the model.`,
  ...(rule ? { helpUri: `${SECRETLINT_DOCS}/secretlint-rule-${rule}` } : {}),
});

export const SENSITIVE_DATA_CODES: SensitiveDataCode[] = [
  pii(
    'pii/email',
    'Email address',
    'An email address whose top-level domain is registered at IANA; addresses at example domains are reported at low confidence.',
  ),
  pii(
    'pii/phone',
    'Phone number',
    'A phone number valid for its country (libphonenumber): with a + country prefix, or in national format of the default region when the column or nearby words speak of phones.',
  ),
  pii(
    'pii/credit-card',
    'Credit card number',
    'A 12–19 digit card number with a valid Luhn checksum and an issuer prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro…).',
  ),
  pii(
    'pii/iban',
    'IBAN',
    'An international bank account number with its country length and account format and a valid ISO 13616 mod-97 checksum.',
  ),
  pii(
    'pii/us-ssn',
    'US Social Security number',
    'A number AAA-GG-SSSS that the SSA can issue (no area 000, 666 or 9xx, group 00, serial 0000, nor published example numbers).',
  ),
  pii(
    'pii/ip',
    'IP address',
    'An IPv4 or IPv6 address; public addresses can identify a subscriber, private and loopback ones are reported at low confidence.',
  ),
  pii(
    'pii/crypto-address',
    'Crypto wallet address',
    'A Bitcoin (Base58Check, bech32/bech32m) or Ethereum (EIP-55) address whose checksum is valid.',
  ),
  secret('secret/aws-access-key', 'AWS access key ID', 'An AWS access key ID (AKIA…, ASIA…).', 'aws'),
  secret(
    'secret/aws-secret-key',
    'AWS secret access key',
    'An AWS secret access key assigned to aws_secret_access_key.',
    'aws',
  ),
  secret(
    'secret/aws-account-id',
    'AWS account ID',
    'An AWS account ID assigned to aws_account_id: not a credential, but it narrows attacks.',
    'aws',
  ),
  secret('secret/gcp-api-key', 'Google Cloud API key', 'A Google Cloud API key (AIza…).'),
  secret('secret/gcp-oauth-client-secret', 'Google OAuth client secret', 'A Google OAuth client secret (GOCSPX-…).'),
  secret(
    'secret/azure-storage-key',
    'Azure storage account key',
    'An Azure storage account key in a connection string (AccountKey=…).',
  ),
  secret(
    'secret/azure-client-secret',
    'Azure client secret',
    'An Azure Entra ID (Azure AD) application client secret (…Q~…, or an older one assigned to an Azure client_secret).',
  ),
  secret(
    'secret/gcp-service-account-key',
    'Google Cloud service-account key',
    'A service-account key file (JSON with "type": "service_account" and a private_key_id).',
  ),
  secret(
    'secret/github-token',
    'GitHub token',
    'A GitHub personal access, OAuth, app or refresh token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).',
    'github',
  ),
  secret(
    'secret/gitlab-token',
    'GitLab token',
    'A GitLab personal, deploy, runner, pipeline trigger or other token (glpat-, gldt-, glrt-…).',
  ),
  secret(
    'secret/slack-token',
    'Slack token',
    'A Slack bot, user, app or workspace token (xoxb-, xoxp-, xapp-…).',
    'slack',
  ),
  secret(
    'secret/slack-webhook',
    'Slack webhook URL',
    'A Slack incoming webhook URL: anyone holding it can post to the channel.',
    'slack',
  ),
  secret(
    'secret/stripe-key',
    'Stripe secret key',
    'A Stripe secret or restricted key (sk_live_, rk_live_, sk_test_…) or webhook signing secret (whsec_).',
  ),
  secret('secret/npm-token', 'npm token', 'An npm access token (npm_…) or .npmrc auth token.', 'npm'),
  secret('secret/openai-api-key', 'OpenAI API key', 'An OpenAI API key (sk-…T3BlbkFJ…, sk-proj-…).', 'openai'),
  secret(
    'secret/anthropic-api-key',
    'Anthropic API key',
    'An Anthropic API or admin key (sk-ant-api03-…, sk-ant-admin01-…).',
  ),
  secret('secret/huggingface-token', 'Hugging Face token', 'A Hugging Face access token (hf_…).'),
  secret('secret/sendgrid-api-key', 'SendGrid API key', 'A SendGrid API key (SG.….…).', 'sendgrid'),
  secret('secret/twilio-api-key', 'Twilio API key', 'A Twilio API key SID (SK followed by 32 hex digits).'),
  secret(
    'secret/shopify-token',
    'Shopify token',
    'A Shopify access token or app secret (shpat_, shpca_, shppa_, shpss_).',
    'shopify',
  ),
  secret('secret/linear-api-key', 'Linear API key', 'A Linear API key (lin_api_…).', 'linear'),
  secret(
    'secret/1password-token',
    '1Password service account token',
    'A 1Password service account token (ops_…).',
    '1password',
  ),
  secret('secret/private-key', 'Private key', 'A PEM private key block (RSA, EC, DSA, OpenSSH, PGP…).', 'privatekey'),
  secret(
    'secret/jwt',
    'JSON Web Token',
    'A signed JWT: often a live session or API credential, and its payload may hold personal data.',
  ),
  secret(
    'secret/url-credentials',
    'Credentials in a URL',
    'A user name and password embedded in a URL (scheme://user:password@host).',
    'basicauth',
  ),
  secret(
    'secret/keyword-assignment',
    'Secret assigned to a key',
    'A value assigned to a secret-named key (password = …, api_key: …), scored by its entropy as detect-secrets does.',
  ),
  secret(
    'secret/other',
    'Other credential',
    'A credential found by a secretlint rule this version has no specific code for.',
  ),
];
