/**
 * libphonenumber's verdict on a span of text, remembered. findPhoneNumbersInText costs 15–30 µs a span (it builds
 * its metadata's regular expressions afresh on every call), the largest cost of a dataset scan with a phone
 * column, and real datasets repeat numbers (a support line on every row, a switchboard, test fixtures). The
 * verdict depends on the span and the region only, so it is kept per (region, span) in a small table that is
 * emptied when full: memory stays bounded whatever the file size, and unique numbers cost one lookup more.
 */
import { findPhoneNumbersInText, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

/** A number libphonenumber found in a span, valid for its country (its default leniency, VALID, checks that). */
export class FoundNumber {
  /** null once looked up and unknown; undefined until then (a second pass over the metadata, so done on demand). */
  private type: string | null | undefined;

  constructor(
    readonly startsAt: number,
    readonly endsAt: number,
    readonly number: PhoneNumber,
  ) {}

  lineType(): string | undefined {
    if (this.type === undefined) this.type = this.number.getType() ?? null;
    return this.type ?? undefined;
  }
}

const MAX_REMEMBERED_SPANS = 4096;
const verdicts = new Map<string, readonly FoundNumber[]>();

/** The valid numbers in `span`, reading national ones in `region`; offsets are into the span. */
export function phoneNumbersIn(span: string, region: string): readonly FoundNumber[] {
  const key = `${region}\u0000${span}`;
  let found = verdicts.get(key);
  if (!found) {
    found = findPhoneNumbersInText(span, { defaultCountry: region as CountryCode }).map(
      (hit) => new FoundNumber(hit.startsAt, hit.endsAt, hit.number),
    );
    if (verdicts.size >= MAX_REMEMBERED_SPANS) verdicts.clear();
    verdicts.set(key, found);
  }
  return found;
}
