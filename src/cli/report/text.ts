import { SEVERITIES, type Finding } from '../../shared/findings';
import { textLine } from '../../engine/findings';
import type { CliIo } from '../io';
import { BlockWriter } from './blockWriter';
import { Tally, type Reporter, type WrittenLine } from './tally';

/** `--format text`: one `file:line:column: severity code message` line per finding (1-based, as editors jump to). */
export class TextReporter implements Reporter {
  private readonly tally = new Tally();
  private readonly out: BlockWriter;

  constructor(io: CliIo) {
    this.out = new BlockWriter((text) => io.stdout(text));
  }

  file(): void {
    this.tally.files++;
  }

  finding(finding: Finding): void {
    this.out.write(textLine(finding));
    this.tally.count(finding);
  }

  line(line: WrittenLine): void {
    this.out.write(line.text);
    this.tally.count(line);
  }

  end(): void {
    const { files, findings, bySeverity } = this.tally;
    // Most severe first, whichever the scan met first.
    const parts = SEVERITIES.filter((severity) => bySeverity[severity]).map(
      (severity) => `${bySeverity[severity]} ${severity}`,
    );
    const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
    this.out.write(
      `${findings} finding${findings === 1 ? '' : 's'}${detail} in ${files} file${files === 1 ? '' : 's'}\n`,
    );
    this.out.flush();
  }
}
