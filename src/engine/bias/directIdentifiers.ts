import { nameWords } from './sensitiveColumns';
import type { DirectIdentifier, DirectIdentifierKind } from './types';
import { isMissing, looksNumeric } from './values';

/**
 * Columns that identify a person by themselves: names, street addresses, dates of birth, passport and licence
 * numbers. Presidio finds names and places with a language model (spaCy NER), which we do not ship; in a table
 * the header says it more reliably than any model could from one cell, as column classifiers of data catalogues
 * do (Google Cloud DLP, Microsoft Purview). E-mail, phone, SSN, card and IBAN values have their own detectors
 * (`pii/*`, per value), so they are not repeated here.
 */
const NAME_HEADERS = [
  'first name',
  'firstname',
  'fname',
  'last name',
  'lastname',
  'lname',
  'given name',
  'family name',
  'surname',
  'full name',
  'fullname',
  'forename',
  'middle name',
  'maiden name',
];

/** `<who> name` (`patient_name`, `customerName`): a person's name, where a bare `name` may be a product's. */
const PEOPLE = new Set([
  'person',
  'customer',
  'client',
  'patient',
  'employee',
  'user',
  'applicant',
  'candidate',
  'student',
  'member',
  'contact',
  'passenger',
  'victim',
  'author',
  'owner',
  'driver',
  'subscriber',
  'holder',
  'beneficiary',
  'donor',
  'tenant',
  'borrower',
  'worker',
  'participant',
  'respondent',
  'child',
  'parent',
  'mother',
  'father',
  'spouse',
]);

/** Exact headers only: `ip_address`, `email_address` or `wallet_address` are other detectors' business. */
const ADDRESS_HEADERS = [
  'address',
  'addr',
  'address1',
  'address 1',
  'address line',
  'address line 1',
  'street',
  'street address',
  'home address',
  'mailing address',
  'postal address',
  'residential address',
];

const BIRTH_HEADERS = ['dob', 'date birth', 'birth date', 'birthdate', 'birthday', 'birth day', 'born on', 'd o b'];

const DOCUMENT_HEADERS = [
  'passport',
  'passport number',
  'passport no',
  'national id',
  'national id number',
  'national insurance number',
  'nino',
  'driver license',
  'drivers license',
  'driver license number',
  'driving licence',
  'driving licence number',
  'license number',
  'licence number',
  'tax id',
  'taxpayer id',
  'nhs number',
  'medical record number',
  'mrn',
];

/** Two to four capitalised words (`Cesar A. Aguilar`, `Mary-Jane O'Neil`): a person's name, not a product's code. */
const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u;

/** The direct identifiers among `columns`, judged by header and, for a bare `name`, by a sample of its values. */
export function directIdentifierColumns(
  columns: readonly string[],
  values: ReadonlyMap<string, readonly string[]>,
): DirectIdentifier[] {
  const found: DirectIdentifier[] = [];
  for (const column of columns) {
    const present = (values.get(column) ?? []).filter((value) => !isMissing(value));
    // An empty column identifies nobody; a numeric one under a name header is a code, not a name or an address.
    if (present.length === 0) continue;
    const kind = kindByHeader(nameWords(column), present);
    if (kind) found.push({ column, kind, evidence: 'column name' });
    else if (nameWords(column).join(' ') === 'name' && mostlyPersonNames(present))
      found.push({ column, kind: 'names', evidence: 'column name and values' });
  }
  return found;
}

/**
 * What a column identifies by its header alone (`first_name` → names), for a caller without its values (a
 * training command line); a bare `name` needs its values, so it is not one here.
 */
export function identifierKindOfHeader(column: string): DirectIdentifierKind | undefined {
  return kindByHeader(nameWords(column), []);
}

function kindByHeader(words: readonly string[], present: readonly string[]): DirectIdentifierKind | undefined {
  const joined = words.join(' ');
  if (BIRTH_HEADERS.includes(joined)) return 'dates of birth';
  if (DOCUMENT_HEADERS.includes(joined)) return 'identity document numbers';
  if (looksNumeric(present)) return undefined;
  if (NAME_HEADERS.includes(joined)) return 'names';
  if (words.length === 2 && words[1] === 'name' && PEOPLE.has(words[0]!)) return 'names';
  return ADDRESS_HEADERS.includes(joined) ? 'street addresses' : undefined;
}

function mostlyPersonNames(present: readonly string[]): boolean {
  const named = present.filter((value) => value.length <= 60 && PERSON_NAME.test(value.trim())).length;
  return named >= 0.8 * present.length && new Set(present).size >= 0.8 * present.length;
}
