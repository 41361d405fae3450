/**
 * `pii/ip`: IPv4 addresses (octets 0–255 without leading zeros) that are not version numbers, and IPv6
 * addresses in full, compressed or IPv4-embedded form, validated by `node:net`. ipaddr.js names the range:
 * public addresses identify a subscriber; private, loopback and link-local ones identify hosts inside a
 * network, so they are reported with lower confidence; unspecified (0.0.0.0), broadcast and multicast addresses
 * identify no one and are reported at low confidence (information) rather than missed.
 */
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { columnWords, contextSignal, wordsOf } from '../context';
import { allMatches, contextualMatch } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not after a letter, digit or dot ("v1.2.3.4", "1.2.3.4.5"), not followed by another component.
const IPV4_PATTERN = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
// Runs of hex digits and colons (and dots, for an embedded IPv4) with at least two colons; validated below.
const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.\d{1,3}){0,3}(?![\w:]|\.\d)/g;

const VERSION_WORDS = new Set(['v', 'ver', 'version', 'versions', 'release', 'build', 'firmware', 'sdk']);
const SPECIAL_RANGES = new Set(['unspecified', 'broadcast', 'multicast']);
const PUBLIC_RANGE = 'unicast';

export function detectIpAddresses(input: DetectorInput): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const found of allMatches(IPV4_PATTERN, input.value)) {
    if (!isIPv4(found[0]) || looksLikeVersion(input, found.index)) continue;
    const match = ipMatch(input, found[0], found.index, 'IPv4');
    if (match) matches.push(match);
  }
  for (const found of allMatches(IPV6_CANDIDATE, input.value)) {
    const text = found[0];
    // "a::b" or "::" alone are more often code (C++ scopes, Rust paths) than addresses.
    if (!isIPv6(text) || (!/\d/.test(text) && text.split(':').length < 4)) continue;
    const match = ipMatch(input, text, found.index, 'IPv6');
    if (match) matches.push(match);
  }
  return matches;
}

/** "v1.2.3.4", "version 1.2.3.4", or a column called version/build: a dotted version, not an address. */
function looksLikeVersion(input: DetectorInput, start: number): boolean {
  const before = wordsOf(input.value.slice(Math.max(0, start - 24), start)).slice(-2);
  const column = columnWords(input.context.column);
  return [...before, ...column].some((word) => VERSION_WORDS.has(word));
}

function ipMatch(
  input: DetectorInput,
  text: string,
  start: number,
  family: 'IPv4' | 'IPv6',
): DetectorMatch | undefined {
  const range = rangeOf(text);
  const end = start + text.length;
  const isPublic = range === PUBLIC_RANGE;
  const special = SPECIAL_RANGES.has(range);
  const evidence = [`valid ${family} address`];
  if (special) evidence.push(`${rangeLabel(range)} address: names no single host`);
  else
    evidence.push(
      isPublic
        ? 'public range: can identify a subscriber'
        : `${rangeLabel(range)} range: identifies a host inside a network, still personal data in logs`,
    );
  return contextualMatch(
    input,
    {
      code: 'pii/ip',
      kind: 'ip',
      start,
      end,
      base: isPublic ? 0.65 : special ? 0.15 : 0.35,
      evidence,
      message: `${family} address`,
      placeholder: '<IP_ADDRESS>',
      data: { entity: 'IP_ADDRESS', range },
    },
    contextSignal('ip', input, start, end),
  );
}

/** The ipaddr.js range name; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged by its IPv4 address. */
function rangeOf(text: string): string {
  const address = ipaddr.parse(text);
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) return address.toIPv4Address().range();
  return address.range();
}

function rangeLabel(range: string): string {
  return range.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
