import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { sha256Text } from '../../../src/engine/accountability/hashing';
import type { RunConfigRecord } from '../../../src/shared/runs';

export const FIXTURE_RUNS = path.join(__dirname, '..', '..', 'fixtures', 'runs');
export const BIASED_RUN = '20250301-101500-a1b2c3';
export const REWEIGHED_RUN = '20250302-143000-d4e5f6';
export const FAILED_RUN = '20250303-090000-0f9e8d';

/** A temporary workspace (`.rml.json`, the fixture runs under `.rml/runs`), without their dataset. */
export function fixtureWorkspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rml-account-'));
  writeFileSync(path.join(root, '.rml.json'), '{}\n');
  mkdirSync(path.join(root, '.rml', 'runs'), { recursive: true });
  for (const id of [BIASED_RUN, REWEIGHED_RUN, FAILED_RUN])
    cpSync(path.join(FIXTURE_RUNS, id), path.join(root, '.rml', 'runs', id), { recursive: true });
  return root;
}

/**
 * Writes `data/loans.csv` (seeded: 300 rows of the fixture run's columns, approvals biased against F, an `email`
 * column with 12 addresses) and records its hash in run `id`'s config, as if the run had trained on it.
 */
export function writeLoansDataset(root: string, id = BIASED_RUN): string {
  const random = seedrandom('loans');
  const lines = ['income,debt_ratio,employment_years,age_band,sex,email,approved'];
  for (let i = 0; i < 300; i++) {
    const sex = random() < 0.5 ? 'F' : 'M';
    const age = ['18-29', '30-49', '50+'][Math.floor(random() * 3)];
    const approved = random() < (sex === 'F' ? 0.3 : 0.6) ? 'yes' : 'no';
    const email = i % 25 === 0 ? `applicant${i}@mail.co.uk` : '';
    lines.push(
      [
        Math.round(20000 + random() * 60000),
        (random() * 0.8).toFixed(2),
        Math.floor(random() * 30),
        age,
        sex,
        email,
        approved,
      ].join(','),
    );
  }
  const text = `${lines.join('\n')}\n`;
  mkdirSync(path.join(root, 'data'), { recursive: true });
  writeFileSync(path.join(root, 'data', 'loans.csv'), text);
  const configFile = path.join(root, '.rml', 'runs', id, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as RunConfigRecord;
  config.dataset = { ...config.dataset, path: 'data/loans.csv', sha256: sha256Text(text), rows: 300 };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  return path.join(root, 'data', 'loans.csv');
}

export function runDir(root: string, id: string): string {
  return path.join(root, '.rml', 'runs', id);
}
