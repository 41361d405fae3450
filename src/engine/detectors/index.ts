/**
 * PII and secret detection on one value (a dataset cell or a prompt): the API the scan pipeline, the
 * language server and the CLI call. Offsets are UTF-16 code units into the value.
 */
import { isSupportedCountry } from 'libphonenumber-js/max';
import { SENSITIVE_DATA_CODES } from './codes';
import { columnNamesKind } from './context';
import { resolveOverlaps } from './overlap';
import { detectCreditCards } from './pii/credit-card';
import { detectCryptoAddresses } from './pii/crypto-address';
import { detectEmails } from './pii/email';
import { detectIbans } from './pii/iban';
import { detectIpAddresses } from './pii/ip';
import { detectPhoneNumbers } from './pii/phone';
import { detectUsSsns } from './pii/us-ssn';
import { detectSecrets } from './secret/index';
import { Gate, gatesOf } from './shape';
import type { Detector, DetectorMatch, SensitiveDataOptions, ValueContext } from './types';

export { SENSITIVE_DATA_CODES, type SensitiveDataCode } from './codes';
export { severityForConfidence } from './context';
export type { DetectorMatch, SensitiveDataOptions, ValueContext } from './types';

const SECRET_CODES = SENSITIVE_DATA_CODES.map((entry) => entry.code).filter((code) => code.startsWith('secret/'));

/** Each detector: its prefilter gate, the codes it can report, and the detector. */
const DETECTORS_BY_GATE: ReadonlyArray<{ gate: number; codes: readonly string[]; detect: Detector }> = [
  { gate: Gate.secret, codes: SECRET_CODES, detect: detectSecrets },
  { gate: Gate.email, codes: ['pii/email'], detect: detectEmails },
  { gate: Gate.creditCard, codes: ['pii/credit-card'], detect: detectCreditCards },
  { gate: Gate.iban, codes: ['pii/iban'], detect: detectIbans },
  { gate: Gate.usSsn, codes: ['pii/us-ssn'], detect: detectUsSsns },
  { gate: Gate.phone, codes: ['pii/phone'], detect: detectPhoneNumbers },
  { gate: Gate.ip, codes: ['pii/ip'], detect: detectIpAddresses },
  { gate: Gate.cryptoAddress, codes: ['pii/crypto-address'], detect: detectCryptoAddresses },
];

const everyCode = () => true;

/**
 * Every piece of PII or credential in `value`: non-overlapping (the most confident wins), sorted by start.
 * Throws when `defaultRegion` is not a region libphonenumber knows.
 */
export function detectSensitiveData(
  value: string,
  context: ValueContext,
  options: SensitiveDataOptions = {},
  shape: number = sensitiveDataShape(value),
): DetectorMatch[] {
  const enabled = options.enabled ?? everyCode;
  const gates = gatesInColumn(shape, context.column) & enabledGates(enabled);
  if (gates === 0) return [];
  const input = { value, context, defaultRegion: checkedRegion(options.defaultRegion) };
  const matches: DetectorMatch[] = [];
  for (const { gate, detect } of DETECTORS_BY_GATE) {
    if ((gates & gate) === 0) continue;
    for (const match of detect(input)) if (enabled(match.code)) matches.push(match);
  }
  return matches.length < 2 ? matches : resolveOverlaps(matches);
}

/** The gates of detectors with at least one enabled code, remembered per `enabled` function (a scan passes one for all its cells). */
const gatesByEnabled = new WeakMap<(code: string) => boolean, number>();

function enabledGates(enabled: (code: string) => boolean): number {
  let mask = gatesByEnabled.get(enabled);
  if (mask === undefined) {
    mask = 0;
    for (const { gate, codes } of DETECTORS_BY_GATE) if (codes.some((code) => enabled(code))) mask |= gate;
    gatesByEnabled.set(enabled, mask);
  }
  return mask;
}

/**
 * A few character counts in one pass: false means `detectSensitiveData` finds nothing in `value`, so the
 * scan skips it. Most ordinary cells (names, words, small numbers, dates) stop here.
 */
export function mightContainSensitiveData(value: string): boolean {
  return gatesOf(value) !== 0;
}

/**
 * The prefilter's verdict on `value` (0: nothing to find, as `mightContainSensitiveData` says false); given the
 * value's column, the verdict for that column (a bare digit run is only a phone number in a phone column). Hand
 * it to `detectSensitiveData` so that a value that passes is not read twice.
 */
export function sensitiveDataShape(value: string, column?: string): number {
  const shape = gatesOf(value);
  return column === undefined ? shape : gatesInColumn(shape, column);
}

/** The value's gates once the column is known: bare digit runs count as phone numbers in a phone column only. */
export function gatesInColumn(shape: number, column: string): number {
  if ((shape & Gate.phoneIfColumnNamesIt) === 0) return shape;
  const gates = shape & ~Gate.phoneIfColumnNamesIt;
  return columnNamesKind(column, 'phone') ? gates | Gate.phone : gates;
}

/** The last region checked: every cell of a scan passes the same one. */
let lastRegion: { given: string | undefined; checked: string } | undefined;

function checkedRegion(region: string | undefined): string {
  if (lastRegion && lastRegion.given === region) return lastRegion.checked;
  const upper = (region ?? 'US').toUpperCase();
  if (!isSupportedCountry(upper)) {
    throw new Error(`Unknown phone number region '${region}': use a two-letter ISO 3166 code such as US, GB or DE.`);
  }
  lastRegion = { given: region, checked: upper };
  return upper;
}
export { ByteGates, Gate, gatesOfBytes, type ByteStops } from './shape';
