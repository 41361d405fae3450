import { version as productVersion } from '../../../package.json';
import { describeCode } from '../../engine/codes';
import { cutSarifTail, joinedEntry, sarifResult } from '../../engine/findings';
import type { Finding } from '../../shared/findings';
import type { CliIo } from '../io';
import { BlockWriter } from './blockWriter';
import { Tally, type Reporter, type WrittenLine } from './tally';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/**
 * `--format sarif`: SARIF 2.1.0 with one rule per finding code (OWASP ids as rule properties) and
 * 1-based UTF-16 regions. Results stream out as found; the rules seen are written after them
 * (key order does not matter in JSON, and code scanning tools read the whole file).
 */
export class SarifReporter implements Reporter {
  private readonly tally = new Tally();
  private readonly ruleIndex = new Map<string, number>();
  private readonly out: BlockWriter;
  private headCode: string | undefined;
  private codeJson = '';

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
    const tail = cutSarifTail(finding);
    this.entry(tail ? this.head(finding.code, index) + joinedEntry(tail) : JSON.stringify(sarifResult(finding, index)));
    this.tally.count(finding);
  }

  /** A result a scan worker wrote after its rule index (findings/sarifEntry.ts). */
  line(line: WrittenLine): void {
    this.entry(this.head(line.code, this.indexOf(line.code)) + line.text);
    this.tally.count(line);
  }

  private entry(result: string): void {
    this.out.write(`${this.tally.findings === 0 ? '\n' : ',\n'}        ${result}`);
  }

  /** A result's members up to its rule index (the code's JSON made once per run of findings of one code). */
  private head(code: string, index: number): string {
    if (code !== this.headCode) {
      this.headCode = code;
      this.codeJson = JSON.stringify(code);
    }
    return `{"ruleId":${this.codeJson},"ruleIndex":${index}`;
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
