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
  private readonly written = new SarifResults();

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
    const index = this.indexOf(finding.code);
    const result = this.written.result(finding, index) ?? JSON.stringify(sarifResult(finding, index));
    this.out.write(`${this.tally.findings === 0 ? '\n' : ',\n'}        ${result}`);
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

/** A finding's SARIF result. */
export function sarifResult(finding: Finding, ruleIndex: number) {
  return {
    ruleId: finding.code,
    ruleIndex,
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
}

/**
 * The JSON of `sarifResult` written out directly for the findings of a scan, whose results differ in their
 * region and fingerprint: the code's, message's and file's JSON are those of the finding before when they are the
 * same strings. A 100 MB table's 283,900 results took 0.95 s of the thread that writes them as objects given to
 * JSON.stringify, 0.38 s of it the file's URI made anew for each (`pathToFileURL`).
 */
export class SarifResults {
  private readonly code = new Remembered(JSON.stringify);
  private readonly message = new Remembered(JSON.stringify);
  private readonly uri = new Remembered((file: string) => JSON.stringify(toUri(file)));

  /** The result's JSON, or undefined for a finding of another shape (related locations, values that are not plain). */
  result(finding: Finding, ruleIndex: number): string | undefined {
    const { code, message, file, severity, data } = finding;
    const level = LEVELS[severity];
    const fingerprint = data?.fingerprint;
    if (typeof code !== 'string' || typeof message !== 'string' || typeof file !== 'string' || !level) return undefined;
    if ((fingerprint !== undefined && typeof fingerprint !== 'string') || data?.related?.length) return undefined;
    const { start, end } = finding.range;
    const numbers = [start.line + 1, start.character + 1, end.line + 1, end.character + 1];
    // JSON writes a non-finite number as null.
    if (!numbers.every(Number.isFinite)) return undefined;
    const [startLine, startColumn, endLine, endColumn] = numbers;
    const where = `"region":{"startLine":${startLine},"startColumn":${startColumn},"endLine":${endLine},"endColumn":${endColumn}}`;
    const located = `"locations":[{"physicalLocation":{"artifactLocation":{"uri":${this.uri.of(file)}},${where}}}]`;
    const head = `{"ruleId":${this.code.of(code)},"ruleIndex":${ruleIndex},"level":"${level}","message":{"text":${this.message.of(message)}},${located}`;
    return fingerprint
      ? `${head},"partialFingerprints":{"rmlFingerprint/v1":${JSON.stringify(fingerprint)}}}`
      : `${head}}`;
  }
}

/** What `make` gave for the value asked for last. */
class Remembered {
  private value: string | undefined;
  private made = '';

  constructor(private readonly make: (value: string) => string) {}

  of(value: string): string {
    if (value !== this.value) {
      this.made = this.make(value);
      this.value = value;
    }
    return this.made;
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
