/**
 * Stable codes for what secretlint's recommended preset (9.x) reports, keyed by rule id and message id. A
 * message id missing here (after a secretlint upgrade) makes a unit test fail instead of a silent gap.
 */

export interface SecretKind {
  code: string;
  /** What the user is told; never includes the secret itself. */
  message: string;
  /** Confidence of a well-formed match before entropy and context are weighed. */
  base: number;
  /** A random token, whose character entropy tells a real one from a placeholder like `ghp_xxxx…`. */
  tokenLike: boolean;
  /** Extra checks on the secret: evidence when it holds, undefined to drop the match. */
  validate?: (secret: string) => string[] | undefined;
}

/**
 * A PEM block holds key material: a run of 16 or more base64 characters between its armour lines. gitleaks' test
 * cases call `-----BEGIN PRIVATE KEY-----\nanything\n-----END…` and an empty block look-alikes.
 */
function keyMaterial(block: string): string[] | undefined {
  const body = block.replace(/-----(?:BEGIN|END)[A-Z ]*-----/g, '');
  return /[A-Za-z0-9+\/=]{16}/.test(body) ? ['the block holds base64 key material'] : undefined;
}

const PRESET = '@secretlint/secretlint-rule-';

export const SECRETLINT_KINDS: Record<string, SecretKind> = {
  [`${PRESET}aws:AWSAccessKeyID`]: {
    code: 'secret/aws-access-key',
    message: 'AWS access key ID',
    base: 0.9,
    tokenLike: true,
  },
  [`${PRESET}aws:AWSSecretAccessKey`]: {
    code: 'secret/aws-secret-key',
    message: 'AWS secret access key',
    base: 0.95,
    tokenLike: true,
  },
  [`${PRESET}aws:AWSAccountID`]: {
    code: 'secret/aws-account-id',
    message: 'AWS account ID',
    base: 0.5,
    tokenLike: false,
  },
  [`${PRESET}privatekey:PrivateKey`]: {
    code: 'secret/private-key',
    message: 'Private key block',
    base: 0.95,
    tokenLike: false,
    validate: keyMaterial,
  },
  [`${PRESET}npm:PackageJSON_xOauthToken`]: {
    code: 'secret/github-token',
    message: 'GitHub OAuth token in a URL',
    base: 0.9,
    tokenLike: false,
  },
  [`${PRESET}npm:Npmrc_authToken`]: {
    code: 'secret/npm-token',
    message: 'npm auth token',
    base: 0.85,
    tokenLike: false,
  },
  [`${PRESET}npm:NPM_ACCESS_TOKEN`]: {
    code: 'secret/npm-token',
    message: 'npm access token',
    base: 0.9,
    tokenLike: true,
  },
  [`${PRESET}basicauth:BasicAuth`]: {
    code: 'secret/url-credentials',
    message: 'Password in a URL (basic auth credentials)',
    base: 0.9,
    tokenLike: false,
  },
  [`${PRESET}slack:SLACK_TOKEN`]: { code: 'secret/slack-token', message: 'Slack token', base: 0.9, tokenLike: true },
  [`${PRESET}slack:IncomingWebhook`]: {
    code: 'secret/slack-webhook',
    message: 'Slack incoming webhook URL',
    base: 0.9,
    tokenLike: false,
  },
  [`${PRESET}sendgrid:SENDGRID_KEY`]: {
    code: 'secret/sendgrid-api-key',
    message: 'SendGrid API key',
    base: 0.9,
    tokenLike: true,
  },
  [`${PRESET}shopify:SHOPIFY_KEY`]: {
    code: 'secret/shopify-token',
    message: 'Shopify access token or app secret',
    base: 0.9,
    tokenLike: true,
  },
  [`${PRESET}github:GITHUB_TOKEN`]: {
    code: 'secret/github-token',
    message: 'GitHub token',
    base: 0.95,
    tokenLike: true,
  },
  [`${PRESET}openai:OPENAI_TOKEN`]: {
    code: 'secret/openai-api-key',
    message: 'OpenAI API key',
    base: 0.95,
    tokenLike: true,
  },
  [`${PRESET}linear:LINEAR_API_TOKEN`]: {
    code: 'secret/linear-api-key',
    message: 'Linear API key',
    base: 0.9,
    tokenLike: true,
  },
  [`${PRESET}1password:OPS_TOKEN`]: {
    code: 'secret/1password-token',
    message: '1Password service account token',
    base: 0.95,
    tokenLike: false,
  },
};

/** A report whose message id this table does not know yet: still reported, under a generic code. */
export const UNNAMED_SECRETLINT_KIND: SecretKind = {
  code: 'secret/other',
  message: 'Credential',
  base: 0.8,
  tokenLike: false,
};

/**
 * Rules of the preset that are not run on values: the GCP rule judges whole `.json`/`.p12` files (a service
 * account key file), and the comment filter reads `secretlint-disable` comments, which the workspace
 * config's "Ignore" replaces here.
 */
export const SKIPPED_RULES = new Set([`${PRESET}gcp`, `${PRESET}filter-comments`]);
