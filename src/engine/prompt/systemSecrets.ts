import ipaddr from 'ipaddr.js';
import { detectSensitiveData } from '../detectors/index';
import type { DetectorMatch } from '../detectors';
import { riskMatch } from './match';
import { trimTrailing } from './obfuscation';

// What must not sit in a system prompt (OWASP LLM07:2025): credentials written out as values, connection
// strings with passwords, internal host names and private addresses. Known key formats (AWS, OpenAI, GitHub…)
// come from the secret detectors (secret/*): the scan reports them as secrets too, this adds "and it is in a
// system prompt".

const CREDENTIAL =
  /\b(password|passwd|pwd|passphrase|pass ?code|pin(?: code)?|api[ _-]?key|apikey|secret(?:[ _-]?key)?|access[ _-]?(?:key|token)|auth(?:entication)?[ _-]?token|bearer(?: token)?|token|client[ _-]?secret|private[ _-]?key|credentials?|admin (?:login|password))\b(?:\s+(?:for|of|to)\s+[\w.-]+)?\s*(?:is|are|:|=|=>|->)\s*["'`]?([^\s"'`,;]{4,})/gi;

/** Values that are descriptions or placeholders, not secrets. */
const NOT_A_VALUE =
  /^(?:required|needed|optional|valid|invalid|incorrect|wrong|correct|missing|empty|hidden|secret|private|confidential|provided|stored|set|unset|not|never|only|always|the|a|an|your|their|our|his|her|its|this|that|given|shown|masked|redacted|encrypted|hashed|none|null|undefined|true|false|example|placeholder|changeme-later|xxx+|\*+|\.{3,}|<.*|\{.*|\$.*|%.*|\[.*)$/i;

const CONNECTION_STRING = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"'`]+:([^\s@/"'`]+)@[^\s/"'`]+/gi;
const INTERNAL_HOST =
  /(?<![a-z0-9.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:internal|intranet|corp|local|lan|private|localdomain|home\.arpa|svc\.cluster\.local|cluster\.local)\b/gi;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;

function credentialStrength(value: string, assignment: string): number {
  const mixed = /\d/.test(value) || /[A-Z]/.test(value) || /[^A-Za-z0-9]/.test(value);
  if (mixed && value.length >= 6) return 0.85;
  // A plain word after "password:" is still a password (and a weak one); after "is" it is prose ("the secret is patience").
  return /[:=]/.test(assignment) ? 0.6 : 0;
}

function findCredentials(text: string): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  CREDENTIAL.lastIndex = 0;
  for (let found = CREDENTIAL.exec(text); found; found = CREDENTIAL.exec(text)) {
    const [whole, name = '', value = ''] = found;
    const cleanValue = trimTrailing(value, '.)');
    if (NOT_A_VALUE.test(cleanValue) || cleanValue.length < 4) continue;
    const valueStart = found.index + whole.lastIndexOf(value);
    const confidence = credentialStrength(cleanValue, whole.slice(name.length, whole.length - value.length));
    if (confidence === 0) continue;
    matches.push(
      riskMatch('prompt/system-prompt-leak', valueStart, valueStart + cleanValue.length, {
        confidence,
        message: `Credential in a system prompt (${name.toLowerCase()})`,
        evidence: [`"${name}" followed by a value`, 'system prompts are extractable'],
        extra: { kind: 'credential' },
      }),
    );
  }
  return matches;
}

function findConnectionStrings(text: string): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  CONNECTION_STRING.lastIndex = 0;
  for (let found = CONNECTION_STRING.exec(text); found; found = CONNECTION_STRING.exec(text)) {
    if (/^(?:\{|\$|<|\*+$|x+$|password$)/i.test(found[1] ?? '')) continue;
    matches.push(
      riskMatch('prompt/system-prompt-leak', found.index, found.index + found[0].length, {
        confidence: 0.85,
        message: 'Connection string with a password in a system prompt',
        evidence: ['user:password@host URL'],
        extra: { kind: 'connection-string' },
      }),
    );
  }
  return matches;
}

function findInternalAddresses(text: string): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  INTERNAL_HOST.lastIndex = 0;
  for (let found = INTERNAL_HOST.exec(text); found; found = INTERNAL_HOST.exec(text)) {
    matches.push(internalAddress(found.index, found[0], 'internal host name', 0.6));
  }
  IPV4.lastIndex = 0;
  for (let found = IPV4.exec(text); found; found = IPV4.exec(text)) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(found[0])) continue;
    const range = ipaddr.IPv4.parse(found[0]).range();
    if (range === 'private')
      matches.push(internalAddress(found.index, found[0], 'private IPv4 address (RFC 1918)', 0.6));
    if (range === 'linkLocal')
      matches.push(internalAddress(found.index, found[0], 'link-local address (cloud metadata endpoint)', 0.7));
  }
  return matches;
}

function internalAddress(start: number, address: string, what: string, confidence: number): DetectorMatch {
  return riskMatch('prompt/system-prompt-leak', start, start + address.length, {
    confidence,
    message: `Internal address "${address}" in a system prompt`,
    evidence: [what, 'reveals internal infrastructure when the prompt leaks'],
    extra: { kind: 'internal-address' },
  });
}

function findKnownSecrets(text: string): DetectorMatch[] {
  const secrets = detectSensitiveData(
    text,
    { column: '', role: 'system' },
    { enabled: (code) => code.startsWith('secret/') },
  );
  return secrets.map((secret) =>
    riskMatch('prompt/system-prompt-leak', secret.start, secret.end, {
      confidence: secret.confidence,
      message: `Secret in a system prompt (${secret.code})`,
      evidence: [...secret.evidence, 'system prompts are extractable'],
      extra: { kind: 'credential', secretCode: secret.code },
    }),
  );
}

/** Secrets and internal infrastructure written into a system prompt. */
export function findSystemPromptSecrets(text: string): DetectorMatch[] {
  return [
    ...findKnownSecrets(text),
    ...findCredentials(text),
    ...findConnectionStrings(text),
    ...findInternalAddresses(text),
  ];
}
