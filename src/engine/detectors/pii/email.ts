/**
 * `pii/email`: practical RFC 5322 addresses (dot-atom local part, DNS host names) whose top-level domain is
 * registered at IANA (the `tlds` list), so `icon@2x.png` or `user@host.local` are not reported.
 */
import tlds from 'tlds';
import { allMatches, contextualMatch } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';

const REGISTERED_TLDS = new Set(tlds);

// Local part: unquoted dot-atom without the rarely used `'`, `{`, `|`, `}` and similar, which in real text are
// far more often quotes or markup around the address than part of it. Host: labels of 1–63 letters, digits and
// inner hyphens; the last label is the TLD (letters, or punycode `xn--…`).
const EMAIL_PATTERN =
  /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})(?![A-Za-z0-9\-]|\.[A-Za-z0-9])/g;

/** RFC 2606 / RFC 6761 names reserved for documentation: addresses there are placeholders, not people. */
const RESERVED_EXAMPLE_DOMAIN = /(?:^|\.)example\.(?:com|net|org)$/;

const MAX_ADDRESS_LENGTH = 254;

/** `scheme://user:` right before the match: it is the password and host of a URL, not an address. */
const URL_USERINFO_BEFORE = /:\/\/[^\s\/@:]*:$/;
/** `git@github.com:org/repo.git`: an SSH remote, whose user is an account name, not a mailbox. */
const SSH_REMOTE_AFTER = /^:[\w~.-]*\//;

export function detectEmails(input: DetectorInput): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const found of allMatches(EMAIL_PATTERN, input.value)) {
    const address = found[0];
    const start = found.index;
    const verdict = isInUrlOrRemote(input.value, start, start + address.length) ? undefined : judgeAddress(address);
    if (!verdict) continue;
    matches.push(
      contextualMatch(input, {
        code: 'pii/email',
        kind: 'email',
        start,
        end: start + address.length,
        base: verdict.base,
        evidence: verdict.evidence,
        message: 'Email address',
        placeholder: '<EMAIL>',
        data: { entity: 'EMAIL_ADDRESS' },
      }),
    );
  }
  return matches;
}

function isInUrlOrRemote(value: string, start: number, end: number): boolean {
  return (
    URL_USERINFO_BEFORE.test(value.slice(Math.max(0, start - 256), start)) ||
    SSH_REMOTE_AFTER.test(value.slice(end, end + 128))
  );
}

type Verdict = { base: number; evidence: string[] };

function judgeAddress(address: string): Verdict | undefined {
  if (address.length > MAX_ADDRESS_LENGTH) return undefined;
  const at = address.lastIndexOf('@');
  if (address.slice(0, at).includes('..')) return undefined;
  return verdictOfDomain(address.slice(at + 1).toLowerCase());
}

/**
 * The verdict on a domain, made once per domain (bounded; cleared when full): a table's addresses share a few
 * domains, and one frozen evidence array per domain lets what follows each match work once per domain
 * (detectors/match.ts `combinedEvidence`).
 */
function verdictOfDomain(domain: string): Verdict | undefined {
  const known = domainVerdicts.get(domain);
  if (known !== undefined) return known ?? undefined;
  const verdict = judgeDomain(domain);
  if (domainVerdicts.size >= MAX_REMEMBERED_DOMAINS) domainVerdicts.clear();
  domainVerdicts.set(domain, verdict ?? null);
  return verdict;
}

const MAX_REMEMBERED_DOMAINS = 4096;
const domainVerdicts = new Map<string, Verdict | null>();

function judgeDomain(domain: string): Verdict | undefined {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (!REGISTERED_TLDS.has(tld)) return undefined;
  const evidence = ['well-formed address', `top-level domain '.${tld}' is registered at IANA`];
  if (RESERVED_EXAMPLE_DOMAIN.test(domain)) {
    return Object.freeze({
      base: 0.4,
      evidence: Object.freeze([
        ...evidence,
        `'${domain}' is reserved for examples (RFC 2606): likely a placeholder`,
      ]) as string[],
    });
  }
  return Object.freeze({ base: 0.85, evidence: Object.freeze(evidence) as string[] });
}
