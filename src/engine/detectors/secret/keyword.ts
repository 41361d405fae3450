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
  'creds',
  'auth',
  'db[_-]?pass',
].join('|');
/** Short names that say "secret" less surely (`auth: basic`, `creds: default`): only a random-looking value counts. */
const VAGUE_NAMES = /^(?:creds|auth)$/i;
/** Keys whose values are handed out on purpose: anti-forgery tokens every page carries, public keys and tokens. */
const NOT_SECRET_PREFIX = /(?:csrf|xsrf|public)[_.-]?$/i;
/** npm's own credential keys: `secret/npm-token` reads them, with the registry line that makes them a credential. */
const NPMRC_KEY = /^_auth(?:token)?$/i;

export const KEYWORD_WORDS = ['pass', 'pwd', 'secret', 'key', 'token', 'credential', 'cred', 'auth'];

/**
 * The key (a name with any prefix of key characters: `db.admin_password`, `genericToken`; or a dictionary
 * subscript: `settings["secret"]`), an optional type (`var key string =`, `key: String =`) and an assignment
 * operator (`=`, `:`, `:=`, `::=`, `?=`, `+=`, `.=`, `=>`; a YAML block scalar `key: >` puts the value on the next
 * line), then a quoted (`"`, `'`, `` ` ``) or bare value; or, as in C-like configuration, the key, a quoted value and
 * a semicolon (`private_key "…";`); or an XML element (`<password>…</password>`). Starts only where no key
 * character precedes, so a long identifier is not rescanned; the prefix is bounded, so a match is tried in constant
 * time per start. Whether a short name may follow its prefix is decided in code (`nameStandsAlone`).
 */
/** A quoted value (double, single or back quotes), in named groups `<group>dq`, `<group>sq`, `<group>bq`. */
const quoted = (group: string) =>
  String.raw`"(?<${group}dq>[^"\s]{4,200})"|'(?<${group}sq>[^'\s]{4,200})'|\`(?<${group}bq>[^\`\s]{4,200})\``;
const KEY = String.raw`(?<key>(?<prefix>[A-Za-z0-9_.-]{0,60}?)(?:(?<long>${LONG_KEY_NAMES})|(?<short>${SHORT_KEY_NAMES})))`;
const TYPE = String.raw`(?:[ \t]*:?[ \t]*str(?:ing)?(?![A-Za-z0-9_]))?`;
const OPERATOR = String.raw`(?:==|=>|[?+.]?=|:{1,3}=|:)[ \t]*(?:[|>][-+]?[ \t]*\r?\n[ \t]+)?@?`;
const ASSIGNMENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-])${KEY}["']?\]?${TYPE}[ \t]*(?:` +
    String.raw`${OPERATOR}(?:${quoted('')}|(?<bare>[^\s"'\`,;<]{4,200}))` +
    String.raw`|(?:${quoted('statement')});` +
    String.raw`|>[ \t]*(?:\r?\n[ \t]*)?(?<element>[^<\s]{4,200})[ \t]*(?:\r?\n[ \t]*)?<\/)`,
  'gi',
);
/** The value groups of `ASSIGNMENT`, one of which holds the value of a match. */
const VALUE_GROUPS = ['dq', 'sq', 'bq', 'bare', 'statementdq', 'statementsq', 'statementbq', 'element'];

/**
 * Values that are not a secret: placeholders, references, masks, types, booleans, keywords, the request modes of
 * the Fetch API (`credentials: 'include'`, `crossOrigin = 'use-credentials'`) and number literals.
 */
const NOT_A_SECRET =
  /^(?:true|false|null|none|nil|undefined|void|required|optional|string|str|int|bool|boolean|number|text|secret|password|passwd|pass|changeme|change_me|placeholder|example|redacted|hidden|masked|todo|tbd|fixme|your[_-]?\w*|xxx+|\*+|x+|\.{3,}|-+|env|os|process|function|async|await|new|require|import|lambda|return|typeof|include|omit|same-origin|anonymous|use-credentials|0x[0-9a-f]+|\d+\.\d+)$/i;
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
 * An unquoted value that is code, not a literal: a snake-case or camel-case name (`not_secret_key`, `firstToken`),
 * a member path (`request.json_body`), a call or subscript (`foo(hey)you`, as detect-secrets' bracket filter reads
 * it; `tokens[i]`), a value that code follows (`args => {`), or a variable named like its key
 * (`this.token = token`). Camel case needs two or more lower-case letters after each capital, which random keys
 * (`zhopsjCSlVbR…`) and passwords with digits do not have.
 */
function isCode(bare: string, key: string, after: string): boolean {
  if (/^[a-z]+(?:_[a-z]+)+$/.test(bare) || /^[a-z]+(?:[A-Z][a-z]{2,})+$/.test(bare)) return true;
  if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(bare) || /^[A-Za-z_$][\w.$]*[[(]/.test(bare)) return true;
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

/**
 * A short name stands alone, after a separator (`db_pass`), or at a camel-case step (`genericToken`), never glued
 * to lower-case letters: `bypass`, `compass` and `maxtoken` hold no secret.
 */
function nameStandsAlone(prefix: string, name: string): boolean {
  if (prefix === '') return true;
  const last = prefix.charCodeAt(prefix.length - 1);
  const first = name.charCodeAt(0);
  const separator = last === 95 || last === 46 || last === 45; // _ . -
  const camelStep = ((last >= 97 && last <= 122) || (last >= 48 && last <= 57)) && first >= 65 && first <= 90;
  return separator || camelStep;
}

export function findKeywordAssignments(value: string): KeywordHit[] {
  const hits: KeywordHit[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let found = ASSIGNMENT.exec(value); found; found = ASSIGNMENT.exec(value)) {
    const groups = found.groups ?? {};
    const key = groups['key'] ?? '';
    const prefix = groups['prefix'] ?? '';
    const short = groups['short'];
    if (short !== undefined && !nameStandsAlone(prefix, short)) continue;
    if (NOT_SECRET_PREFIX.test(prefix) || NPMRC_KEY.test(key)) continue;
    const which = VALUE_GROUPS.find((name) => groups[name] !== undefined);
    if (which === undefined) continue;
    const secret = groups[which] ?? '';
    // Only closing quotes, `;`, blanks or `</` follow the value in a match, so its last occurrence is the value.
    const start = found.index + found[0].lastIndexOf(secret);
    const end = start + secret.length;
    if (which === 'bare' && isCode(secret, key, value.slice(end, end + 8))) continue;
    const judged = judgeValue(secret);
    if (!judged || (short !== undefined && VAGUE_NAMES.test(short) && judged.confidence < 0.85)) continue;
    hits.push({
      start,
      end,
      key,
      confidence: judged.confidence,
      evidence: [`assigned to the key '${key}'`, judged.evidence],
    });
  }
  return hits;
}
