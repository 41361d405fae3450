import type { Finding } from '../../shared/findings';
import { jsonLine } from '../../engine/findings';
import type { CliIo } from '../io';
import { BlockWriter } from './blockWriter';
import { Tally, type Reporter, type WrittenLine } from './tally';

/**
 * `--format json`: `{ "version": 1, "findings": [...], "summary": { "files", "findings", "byCode" } }`.
 * Written incrementally, one finding per line, so a scan with millions of findings never holds them all.
 */
export class JsonReporter implements Reporter {
  private readonly tally = new Tally();
  private readonly out: BlockWriter;

  constructor(io: CliIo) {
    this.out = new BlockWriter((text) => io.stdout(text));
    this.out.write('{\n  "version": 1,\n  "findings": [');
  }

  file(): void {
    this.tally.files++;
  }

  finding(finding: Finding): void {
    this.entry(jsonLine(finding));
    this.tally.count(finding);
  }

  line(line: WrittenLine): void {
    this.entry(line.text);
    this.tally.count(line);
  }

  private entry(text: string): void {
    this.out.write(`${this.tally.findings === 0 ? '\n' : ',\n'}    ${text}`);
  }

  end(): void {
    const summary = { files: this.tally.files, findings: this.tally.findings, byCode: this.tally.byCode };
    this.out.write(`${this.tally.findings === 0 ? '' : '\n  '}],\n  "summary": ${JSON.stringify(summary)}\n}\n`);
    this.out.flush();
  }
}
