/**
 * The generated tables of the scan bench (scan.ts): a customer table with PII in a realistic share of rows, the
 * same with distinct phone and card numbers, and the same with a free-text comment in every row. Generated once
 * under `dataDir` (git-ignored).
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A customer table: most cells are ordinary, a realistic share hold PII (e-mail 10 %, phone 5 %, card 2 %). */
export function customerRow(i: number, distinct = false): string {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  const name = `${words[i % 10]} ${words[(i * 7) % 10]}`;
  const email = i % 10 === 0 ? `user${i}@example.com` : '';
  const phone = i % 20 === 0 ? (distinct ? londonNumber(i) : '+44 20 7946 0958') : '';
  const card = i % 50 === 0 ? (distinct ? visaNumber(i) : '4111 1111 1111 1111') : '';
  const amount = ((i * 37) % 100000) / 100;
  const notes =
    i % 3 === 0
      ? `"ordered ${i % 9} items, said ""thanks"", v2.${i % 7}.1"`
      : `renewal ${2020 + (i % 6)}-0${1 + (i % 9)}-1${i % 10}`;
  return `${i},${name},${email},${phone},${card},${amount},${notes}\n`;
}

/** A valid London number (020 7xxx xxxx) of its own for each row. */
function londonNumber(i: number): string {
  const digits = String(i % 1e7).padStart(7, '0');
  return `+44 20 7${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** A Luhn-valid 16-digit Visa number of its own for each row, printed in groups of four. */
function visaNumber(i: number): string {
  const body = `4${String(i).padStart(14, '0')}`;
  let sum = 0;
  for (let k = body.length - 1, double = true; k >= 0; k--, double = !double) {
    let digit = body.charCodeAt(k) - 48;
    if (double && (digit *= 2) > 9) digit -= 9;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function generateCsv(dataDir: string, megabytes: number, distinct = false): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `customers-${distinct ? 'distinct-' : ''}${megabytes}mb.csv`);
  if (existsSync(file) && statSync(file).size >= megabytes * 1e6) return file;
  const fd = openSync(file, 'w');
  writeSync(fd, 'id,name,email,phone,card,amount,notes\n');
  let written = 0;
  for (let i = 1; written < megabytes * 1e6; ) {
    let block = '';
    for (let j = 0; j < 10_000; j++, i++) block += customerRow(i, distinct);
    written += writeSync(fd, block);
  }
  closeSync(fd);
  return file;
}

/**
 * The customer table with a free-text comment of 12–30 words in every row, some of them naming identity terms
 * and some repeated with a word changed: the audit's text checks (identity terms, near-duplicate fingerprints)
 * read every row of it.
 */
export function generateTextCsv(dataDir: string, megabytes: number): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `customers-text-${megabytes}mb.csv`);
  if (existsSync(file) && statSync(file).size >= megabytes * 1e6) return file;
  const words = [
    'the',
    'delivery',
    'was',
    'late',
    'again',
    'and',
    'support',
    'never',
    'answered',
    'my',
    'mail',
    'order',
    'arrived',
    'broken',
    'refund',
    'please',
    'great',
    'service',
    'thanks',
    'team',
  ];
  const people = [
    'my wife',
    'an old man',
    'a gay couple',
    'a Muslim neighbour',
    'a young woman',
    'my colleague',
    'a deaf customer',
    'a friend',
  ];
  const fd = openSync(file, 'w');
  writeSync(fd, 'id,name,email,phone,card,amount,notes,comment\n');
  let written = 0;
  for (let i = 1; written < megabytes * 1e6; ) {
    let block = '';
    for (let j = 0; j < 10_000; j++, i++) {
      const base = i % 40 === 0 ? i - 1 : i;
      const length = 12 + (base % 19);
      const text = Array.from(
        { length },
        (_, k) => words[(base * 7 + k * 13 + (k === 3 && i !== base ? 1 : 0)) % words.length],
      ).join(' ');
      block += `${customerRow(i).trimEnd()},"${text}, said ${people[base % people.length]}"\n`;
    }
    written += writeSync(fd, block);
  }
  closeSync(fd);
  return file;
}
