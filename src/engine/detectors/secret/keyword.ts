/**
 * `secret/keyword-assignment`: a value assigned to a secret-named key (`password = …`, `api_key: …`,
 * `"client_secret": "…"`), as detect-secrets' KeywordDetector finds them, for the credentials no token format
 * describes. Confidence follows the value's character entropy and mix, as detect-secrets' entropy plugins
 * score strings: a random 24-character value is surely a secret, a dictionary word probably a weak one, a
 * placeholder (`${DB_PASSWORD}`, `<your key>`, `changeme`, `****`) or a reference to one none at all.
 */
import { shannonEntropy } from './entropy';

/**
 * Key names that hold secrets (detect-secrets' keyword list, trimmed of words that are mostly prose). The long
 * names may end an identifier of any prefix (`theapikey`, `dbpassword`), as detect-secrets reads them; the short
 * ones only after a separator or alone, since `bypass`, `compass` and `maxtoken` hold no secret.
 */
const LONG_KEY_NAMES = [
  'password',
  'passwd',
  'passwort',
  'secret',
  'secret[_-]?key',
  'api[_-]?key',
  'apikey',
  'api[_-]?secret',
  'access[_-]?key',
  'private[_-]?key',
  'client[_-]?secret',
  'master[_-]?key',
  'signing[_-]?key',
  'encryption[_-]?key',
].join('|');
const SHORT_KEY_NAMES = [
  'pwd',
  'pass',
  'auth[_-]?token',
  'access[_-]?token',
  'refresh[_-]?token',
  'token',
  'credentials?',
  'db[_-]?pass',
].join('|');

export const KEYWORD_WORDS = ['pass', 'pwd', 'secret', 'key', 'token', 'credential'];

/**
 * The key (dotted or snake-case prefixes allowed: `db.admin_password`; a dictionary subscript:
 * `settings["secret"]`), an assignment operator, and a quoted or bare value; or, as in C-like configuration, the
 * key, a quoted value and a semicolon (`private_key "…";`). Starts only where no key character precedes, so a long
 * identifier is not rescanned; the prefixes are bounded, so a match is tried in constant time per start.
 */
const KEY = String.raw`((?:[A-Za-z0-9_.-]{0,40}?(?:${LONG_KEY_NAMES}))|(?:(?:[A-Za-z0-9]{1,40}[_.-]){0,8}?(?:${SHORT_KEY_NAMES})))`;
const ASSIGNMENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-])${KEY}["']?\]?[ \t]*(?:(?::=|=>|==?|:)[ \t]*@?` +
    String.raw`(?:"([^"\s]{4,200})"|'([^'\s]{4,200})'|([^\s"',;]{4,200}))` +
    String.raw`|(?:"([^"\s]{4,200})"|'([^'\s]{4,200})');)`,
  'gi',
);

/** Values that are not a secret: placeholders, references, masks, types and booleans. */
const NOT_A_SECRET =
  /^(?:true|false|null|none|nil|undefined|required|optional|string|str|int|bool|boolean|number|text|secret|password|passwd|changeme|change_me|placeholder|example|redacted|hidden|masked|your[_-]?\w*|xxx+|\*+|x+|\.{3,}|-+|env|os|process|function|async|await|new|require|import|lambda|return|typeof)$/i;
const REFERENCE =
  /^(?:\$|%|<|\[|#|@|&|\(|process\.env|os\.environ|env\.|ENV\[|getenv|config\.|settings\.|self\.|this\.|vault:|secret:|arn:|https?:|file:|\/)/i;

export interface KeywordHit {
  start: number;
  end: number;
  key: string;
  confidence: number;
  evidence: string[];
}

/** A template placeholder: `{{ db_password }}`, `{token}`. */
const TEMPLATE = /^\{\{?\s*[\w.-]+\s*\}\}?$/;
/** Values that say they are not real: detect-secrets' "fake" filter, and AWS's documentation keys (…EXAMPLE). */
const SAYS_FAKE = /fake|EXAMPLE$/i;

/** What follows an unquoted value that is code: an arrow, a call, a member, an operator (`args => {`, `a || b`). */
const CODE_FOLLOWS = /^[ \t]*(?:=>|\(|\.|\?|\|\||&&|\+)/;

/**
 * An unquoted value that is code, not a literal: a snake-case name (`not_secret_key`), a member path
 * (`request.json_body[…`), a call or subscript (`foo(hey)you`, as detect-secrets' bracket filter reads it), a
 * value that code follows (`args => {`), or a variable named like its key (`this.token = token`).
 */
function isCode(bare: string, key: string, after: string): boolean {
  if (/^[a-z]+(?:_[a-z]+)+$/.test(bare) || /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\[?$/.test(bare)) return true;
  if (/^[A-Za-z_][\w.]*\[$/.test(bare)) return true; // `tokens[i]`, cut at the space of `tokens[ i ]`
  const open = bare.indexOf('(');
  const square = bare.indexOf('[');
  if ((open >= 0 && bare.lastIndexOf(')') > open) || (square >= 0 && bare.lastIndexOf(']') > square)) return true;
  return CODE_FOLLOWS.test(after) || key.toLowerCase().endsWith(bare.toLowerCase());
}

/** How sure a value is a secret, from its entropy and character mix; undefined for placeholders. */
function judgeValue(value: string): { confidence: number; evidence: string } | undefined {
  if (
    NOT_A_SECRET.test(value) ||
    REFERENCE.test(value) ||
    TEMPLATE.test(value) ||
    SAYS_FAKE.test(value) ||
    /^\d{1,7}$/.test(value) ||
    new Set(value).size < 3
  )
    return undefined;
  if (/\($|\)$|\.\w+\(/.test(value)) return undefined; // a call: `get_password()`
  const bits = shannonEntropy(value);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  const described = `character entropy ${bits.toFixed(1)} bits/char, ${classes} character classes, ${value.length} characters`;
  if (bits >= 3.5 && value.length >= 16) return { confidence: 0.85, evidence: `${described}: random-looking` };
  if (bits >= 3 && classes >= 2 && value.length >= 8) return { confidence: 0.7, evidence: described };
  return { confidence: 0.45, evidence: `${described}: could be a weak password or a name` };
}

export function findKeywordAssignments(value: string): KeywordHit[] {
  const hits: KeywordHit[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let found = ASSIGNMENT.exec(value); found; found = ASSIGNMENT.exec(value)) {
    const bare = found[4];
    const secret = found[2] ?? found[3] ?? bare ?? found[5] ?? found[6] ?? '';
    const end = found.index + found[0].length;
    if (bare !== undefined && isCode(bare, found[1] ?? '', value.slice(end, end + 8))) continue;
    const judged = judgeValue(secret);
    if (!judged) continue;
    // The value ends the match, before its closing quote (and the `;` of the operator-less form).
    const closing = bare !== undefined ? 0 : found[5] !== undefined || found[6] !== undefined ? 2 : 1;
    const start = found.index + found[0].length - secret.length - closing;
    hits.push({
      start,
      end: start + secret.length,
      key: found[1] ?? '',
      confidence: judged.confidence,
      evidence: [`assigned to the key '${found[1]}'`, judged.evidence],
    });
  }
  return hits;
}
