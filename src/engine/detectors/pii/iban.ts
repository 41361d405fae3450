/**
 * `pii/iban`: ISO 13616 account numbers, written unspaced or in groups of four. The country code picks
 * the expected length from the IBAN registry (ibantools' table of every IBAN country, SEPA and beyond);
 * the number must then have that length, its country's BBAN format and a mod-97 remainder of 1.
 */
import { countrySpecs, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { codeAt, contextualMatch, isAsciiAlnumCode, isDigitCode } from '../match';
import type { DetectorInput, DetectorMatch } from '../types';

const IBAN_START = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}/g;

export function detectIbans(input: DetectorInput): DetectorMatch[] {
  const { value } = input;
  const matches: DetectorMatch[] = [];
  IBAN_START.lastIndex = 0;
  for (let found = IBAN_START.exec(value); found; found = IBAN_START.exec(value)) {
    const country = found[0].slice(0, 2);
    const length = countrySpecs[country]?.chars;
    if (!length) continue;
    const candidate = readIban(value, found.index, length);
    if (!candidate) continue;
    const match = judgeIban(input, found.index, candidate, country);
    if (match) {
      matches.push(match);
      IBAN_START.lastIndex = candidate.end;
    }
  }
  return matches;
}

interface IbanCandidate {
  electronic: string;
  end: number;
}

/**
 * Reads exactly `length` characters from `start`, allowing one space at each four-character boundary
 * (either at all of them or at none), and rejects a number that runs on into more letters or digits.
 */
function readIban(value: string, start: number, length: number): IbanCandidate | undefined {
  let electronic = '';
  let spaced: boolean | undefined;
  let index = start;
  while (electronic.length < length) {
    if (electronic.length > 0 && electronic.length % 4 === 0) {
      const space = value[index] === ' ';
      spaced ??= space;
      if (space !== spaced) return undefined;
      if (space) index++;
    }
    const code = codeAt(value, index);
    if (!isDigitCode(code) && !(code >= 65 && code <= 90)) return undefined;
    electronic += value[index];
    index++;
  }
  return isAsciiAlnumCode(codeAt(value, index)) ? undefined : { electronic, end: index };
}

function judgeIban(
  input: DetectorInput,
  start: number,
  candidate: IbanCandidate,
  country: string,
): DetectorMatch | undefined {
  const { errorCodes } = validateIBAN(candidate.electronic);
  const nationalCheckFailed = errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum);
  if (errorCodes.some((error) => error !== ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) return undefined;
  const evidence = [
    'ISO 13616 mod-97 checksum valid',
    `length ${candidate.electronic.length} and account format match ${country}`,
  ];
  if (nationalCheckFailed) evidence.push(`${country} national check digits do not match: possibly made up`);
  return contextualMatch(input, {
    code: 'pii/iban',
    kind: 'iban',
    start,
    end: candidate.end,
    base: nationalCheckFailed ? 0.6 : 0.9,
    evidence,
    message: 'IBAN (bank account number)',
    placeholder: '<IBAN>',
    data: { entity: 'IBAN_CODE', country },
  });
}
