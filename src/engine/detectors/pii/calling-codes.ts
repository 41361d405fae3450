/**
 * The shape check a `+` span passes before libphonenumber reads it: the digits after the `+` begin with a country
 * calling code that exists. libphonenumber reads an international number's calling code as the first one to three
 * digits after the `+` that name one in its metadata, so a span whose digits begin with none (`+0…`, `+28…`,
 * `+801…`) holds no valid international number: only a national one, which needs phone context anyway. The codes
 * come from the same ("max") metadata libphonenumber validates with, so the two cannot disagree.
 */
import metadata from 'libphonenumber-js/metadata.max.json';

// Countries' codes, and the non-geographic ones (+800 freephone, +870 Inmarsat, +882 international networks…).
const CALLING_CODES = new Set([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic)]);

/** Whether the first 1–3 digits after the leading `+` of `span` (separators skipped) name a country calling code. */
export function startsWithCallingCode(span: string): boolean {
  let code = '';
  for (let i = 1; i < span.length && code.length < 3; i++) {
    const char = span.charCodeAt(i);
    if (char < 48 || char > 57) continue;
    code += span[i];
    if (CALLING_CODES.has(code)) return true;
  }
  return false;
}
