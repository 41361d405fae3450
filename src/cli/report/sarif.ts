import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { version as productVersion } from '../../../package.json';
import { describeCode } from '../../engine/codes';
import type { Finding, Severity } from '../../shared/findings';
import type { CliIo } from '../io';
import { BlockWriter } from './blockWriter';
import { Tally, type Reporter } from './tally';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/**
 * `--format sarif`: SARIF 2.1.0 with one rule per finding code (OWASP ids as rule properties) and
 * 1-based UTF-16 regions. Results stream out as found; the rules seen are written after them
 * (key order does not matter in JSON, and code scanning tools read the whole file).
 */
export class SarifReporter implements Reporter {
  private readonly tally = new Tally();
  private readonly ruleIndex = new Map<string, number>();
  private readonly out: BlockWriter;

  constructor(
    io: CliIo,
    private readonly version = productVersion,
  ) {
    this.out = new BlockWriter((text) => io.stdout(text));
    this.out.write(
      `{\n  "$schema": "${SARIF_SCHEMA}",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "columnKind": "utf16CodeUnits",\n      "results": [`,
    );
  }

  file(): void {
    this.tally.files++;
  }

  finding(finding: Finding): void {
    const result = {
      ruleId: finding.code,
      ruleIndex: this.indexOf(finding.code),
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: toUri(finding.file) }, region: region(finding) } }],
      ...(finding.data?.fingerprint ? { partialFingerprints: { 'rmlFingerprint/v1': finding.data.fingerprint } } : {}),
      ...(finding.data?.related?.length
        ? {
            relatedLocations: finding.data.related.map((related, id) => ({
              id,
              message: { text: related.message },
              physicalLocation: { artifactLocation: { uri: toUri(related.file) }, region: region(related) },
            })),
          }
        : {}),
    };
    this.out.write(`${this.tally.findings === 0 ? '\n' : ',\n'}        ${JSON.stringify(result)}`);
    this.tally.count(finding);
  }

  end(): void {
    const rules = [...this.ruleIndex.keys()].map(sarifRule);
    const tool = {
      driver: {
        name: 'rml',
        fullName: 'Responsible ML',
        version: this.version,
        informationUri: 'https://github.com/responsible-ml/responsible-ml',
        rules,
      },
    };
    this.out.write(
      `${this.tally.findings === 0 ? '' : '\n      '}],\n      "tool": ${JSON.stringify(tool)}\n    }\n  ]\n}\n`,
    );
    this.out.flush();
  }

  private indexOf(code: string): number {
    let index = this.ruleIndex.get(code);
    if (index === undefined) {
      index = this.ruleIndex.size;
      this.ruleIndex.set(code, index);
    }
    return index;
  }
}

function sarifRule(code: string) {
  const info = describeCode(code);
  return {
    id: code,
    name: info.title,
    shortDescription: { text: info.title },
    fullDescription: { text: info.description },
    ...(info.helpUri ? { helpUri: info.helpUri } : {}),
    properties: {
      family: code.split('/')[0],
      ...(info.owasp ? { owasp: info.owasp, tags: ['security', `owasp-llm:${info.owasp}`] } : {}),
    },
  };
}

/** SARIF regions are 1-based; an LSP end character is already "one past the last", which is SARIF's endColumn − 1. */
function region(located: Pick<Finding, 'range'>) {
  const { start, end } = located.range;
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** Absolute paths become file: URIs; relative ones stay relative (to the working directory), percent-encoded. */
function toUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/');
}
