/**
 * `secret/keyword-assignment`: a value assigned to a secret-named key (`password = …`, `api_key: …`,
 * `"client_secret": "…"`), as detect-secrets' KeywordDetector finds them, for the credentials no token format
 * describes. Confidence follows the value's character entropy and mix, as detect-secrets' entropy plugins
 * score strings: a random 24-character value is surely a secret, a dictionary word probably a weak one, a
 * placeholder (`${DB_PASSWORD}`, `<your key>`, `changeme`, `****`) or a reference to one none at all.
 */
import { shannonEntropy } from './entropy';

/** Key names that hold secrets (detect-secrets' keyword list, trimmed of words that are mostly prose). */
const KEY_NAMES = [
  'password',
  'passwd',
  'passwort',
  'pwd',
  'pass',
  'secret',
  'secret[_-]?key',
  'api[_-]?key',
  'apikey',
  'api[_-]?secret',
  'access[_-]?key',
  'private[_-]?key',
  'auth[_-]?token',
  'access[_-]?token',
  'refresh[_-]?token',
  'token',
  'client[_-]?secret',
  'credentials?',
  'db[_-]?pass',
  'master[_-]?key',
  'signing[_-]?key',
  'encryption[_-]?key',
].join('|');

export const KEYWORD_WORDS = ['pass', 'pwd', 'secret', 'key', 'token', 'credential'];

/**
 * The key (dotted or snake-case prefixes allowed: `db.admin_password`), an assignment operator, and a quoted
 * or bare value. Starts only where no key character precedes, so a long identifier is not rescanned.
 */
const ASSIGNMENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-])((?:[A-Za-z0-9]+[_.-])*?(?:${KEY_NAMES}))["']?[ \t]*(?::=|=>|==?|:)[ \t]*` +
    String.raw`(?:"([^"\s]{4,200})"|'([^'\s]{4,200})'|([^\s"',;]{4,200}))`,
  'gi',
);

/** Values that are not a secret: placeholders, references, masks, types and booleans. */
const NOT_A_SECRET =
  /^(?:true|false|null|none|nil|undefined|required|optional|string|str|int|bool|boolean|number|text|secret|password|passwd|changeme|change_me|placeholder|example|redacted|hidden|masked|your[_-]?\w*|xxx+|\*+|x+|\.{3,}|-+|env|os|process)$/i;
const REFERENCE =
  /^(?:\$|%|\{|<|\[|#|@|&|\(|process\.env|os\.environ|env\.|ENV\[|getenv|config\.|settings\.|self\.|this\.|vault:|secret:|arn:|https?:|file:|\/)/i;

export interface KeywordHit {
  start: number;
  end: number;
  key: string;
  confidence: number;
  evidence: string[];
}

/** How sure a value is a secret, from its entropy and character mix; undefined for placeholders. */
function judgeValue(value: string): { confidence: number; evidence: string } | undefined {
  if (NOT_A_SECRET.test(value) || REFERENCE.test(value) || /^\d{1,7}$/.test(value) || new Set(value).size < 3)
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
    const secret = found[2] ?? found[3] ?? found[4] ?? '';
    const judged = judgeValue(secret);
    if (!judged) continue;
    const start =
      found.index + found[0].length - secret.length - (found[2] !== undefined || found[3] !== undefined ? 1 : 0);
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
