/**
 * The secret checks on text written outside this project (test/fixtures/secrets/yardstick, see its README):
 * detect-secrets' plugin test cases for the kinds the engine claims, and gitleaks' (and 2ms's) rule test cases,
 * split content-blind into a dev and a held-out half. Evaluation only.
 *
 * Counting rule: each row is one JSONL `text` value (`detectSensitiveData(text, { column: 'text' })`). A secret row
 * is found when a finding whose code belongs to the row's kind lies in it; a look-alike (`benign`) row is a false
 * alarm when such a finding does. For detect-secrets' rows, findings of other kinds are not counted either way:
 * its AWS secret-key cases call `my_id: AKIAIOSFODNN7EXAMPLE` negative for the secret-key detector, yet it holds a
 * real key-id shape, which `secret/aws-access-key` rightly reports. gitleaks' rows have the kind `any`: every
 * `secret/*` finding counts, as a hit on a secret and as an alarm on a look-alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectSensitiveData } from '../../src/engine/detectors/index';

const YARDSTICK_DIR = path.resolve(__dirname, '../fixtures/secrets/yardstick');
export const SECRET_YARDSTICK = path.join(YARDSTICK_DIR, 'detect-secrets.jsonl');
export const GITLEAKS_YARDSTICK = path.join(YARDSTICK_DIR, 'gitleaks.jsonl');

/** The finding codes that count as "found" for each kind of the yardstick. */
export const CODES_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  'aws-access-key': ['secret/aws-access-key', 'secret/aws-secret-key'],
  'aws-secret-key': ['secret/aws-secret-key', 'secret/keyword-assignment'],
  gcp: ['secret/gcp-api-key', 'secret/gcp-oauth-client-secret'],
  'github-token': ['secret/github-token'],
  'gitlab-token': ['secret/gitlab-token'],
  jwt: ['secret/jwt'],
  'npm-token': ['secret/npm-token', 'secret/keyword-assignment'],
  'openai-api-key': ['secret/openai-api-key'],
  keyword: ['secret/keyword-assignment', 'secret/private-key', 'secret/other'],
  'stripe-key': ['secret/stripe-key'],
  slack: ['secret/slack-token', 'secret/slack-webhook'],
  'url-credentials': ['secret/url-credentials'],
  'sendgrid-api-key': ['secret/sendgrid-api-key'],
  'twilio-api-key': ['secret/twilio-api-key'],
  'private-key': ['secret/private-key'],
};

export interface SecretRow {
  text: string;
  label: 'secret' | 'benign';
  kind: string;
  source: string;
  /** gitleaks' rows only: which half. */
  split?: 'dev' | 'holdout';
}

export function loadSecretYardstick(file = SECRET_YARDSTICK): SecretRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SecretRow);
}

export function flagged(row: SecretRow): boolean {
  const codes = CODES_BY_KIND[row.kind];
  if (codes === undefined && row.kind !== 'any') throw new Error(`${SECRET_YARDSTICK}: unknown kind "${row.kind}"`);
  return detectSensitiveData(row.text, { column: 'text' }).some((match) =>
    codes === undefined ? match.code.startsWith('secret/') : codes.includes(match.code),
  );
}

interface Tally {
  secrets: number;
  found: number;
  lookAlikes: number;
  alarms: number;
}

function tallyBy(rows: readonly SecretRow[], group: (row: SecretRow) => string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const key = group(row);
    const tally = tallies.get(key) ?? { secrets: 0, found: 0, lookAlikes: 0, alarms: 0 };
    const hit = flagged(row);
    if (row.label === 'secret') {
      tally.secrets += 1;
      if (hit) tally.found += 1;
    } else {
      tally.lookAlikes += 1;
      if (hit) tally.alarms += 1;
    }
    tallies.set(key, tally);
  }
  return tallies;
}

function rate(part: number, whole: number): string {
  return whole === 0 ? '—' : (part / whole).toFixed(3);
}

function tableRow(kind: string, tally: Tally): Record<string, string | number> {
  return {
    kind,
    secrets: tally.secrets,
    found: tally.found,
    recall: rate(tally.found, tally.secrets),
    'look-alikes': tally.lookAlikes,
    'false alarms': tally.alarms,
    'false-alarm rate': rate(tally.alarms, tally.lookAlikes),
  };
}

function sum(tallies: Iterable<Tally>): Tally {
  const total: Tally = { secrets: 0, found: 0, lookAlikes: 0, alarms: 0 };
  for (const tally of tallies) {
    total.secrets += tally.secrets;
    total.found += tally.found;
    total.lookAlikes += tally.lookAlikes;
    total.alarms += tally.alarms;
  }
  return total;
}

export async function run(): Promise<Array<Record<string, string | number>>> {
  const byKind = tallyBy(loadSecretYardstick(), (row) => row.kind);
  const bySplit = tallyBy(loadSecretYardstick(GITLEAKS_YARDSTICK), (row) => row.split ?? 'dev');
  return [
    ...[...byKind].map(([kind, tally]) => tableRow(`detect-secrets: ${kind}`, tally)),
    tableRow('detect-secrets: all (tuned on)', sum(byKind.values())),
    ...[...bySplit].map(([split, tally]) =>
      tableRow(`gitleaks + 2ms: ${split}${split === 'dev' ? ' (tuned on)' : ''}`, tally),
    ),
    tableRow('gitleaks + 2ms: all', sum(bySplit.values())),
  ];
}

if (require.main === module) {
  void run().then((rows) => console.table(rows));
}
