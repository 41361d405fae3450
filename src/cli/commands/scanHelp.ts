import { defineCommand } from '../options';

/**
 * `rml scan`'s option table, for `rml scan --help`. Kept beside scan.ts (which parses its own arguments) until
 * scan.ts parses with it too (`parseCommand(SCAN_SPEC, args)`); the help test checks scan accepts every option here.
 */
export const SCAN_SPEC = defineCommand({
  usage: '<paths…> [options]',
  description:
    "Runs the editor's checks (PII, secrets, risky prompts, dataset bias, malformed rows) over files and directories, " +
    'streamed in bounded memory, honouring .gitignore and the nearest .rml.json above each file.',
  options: {
    format: {
      type: 'string',
      value: 'text|json|sarif',
      description: 'report format (SARIF 2.1.0 for code scanning)',
      default: 'text',
    },
    'fail-on': {
      type: 'string',
      value: 'error|warning|information|hint|none',
      description: 'exit 1 when a finding is at or above this severity',
      default: 'error',
    },
    config: {
      type: 'string',
      value: 'FILE',
      description: 'use this .rml.json for every file',
      default: 'the nearest .rml.json above each file',
    },
    workers: {
      type: 'string',
      value: 'N',
      description:
        'threads that scan a large CSV, TSV or JSONL file (chunks merged in file order: the same report) or, from 3, many small files (reported in the order found); 1 keeps one thread',
      default: 'RML_SCAN_WORKERS, else one per core',
    },
  },
  examples: [
    'rml scan data prompts',
    'rml scan data --format sarif --fail-on warning > rml.sarif',
    'rml scan train.csv --config ci/.rml.json --format json',
    'rml scan big.csv --workers 1',
  ],
  notes: ['Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, input or I/O error.'],
});
