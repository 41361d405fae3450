/**
 * Joins the many small writes of a report into blocks of about 64 KiB. A write per finding is a system call per
 * finding on a pipe or file (millions on a 1 GB dataset); blocks keep memory bounded all the same. What is held
 * is written by `flush()` (reporters call it at the end) or, should the scan stop with an error before that, on
 * the next turn of the event loop, so no finding already reported is lost.
 */
export class BlockWriter {
  private held: string[] = [];
  private heldLength = 0;
  private flushScheduled = false;

  constructor(
    private readonly output: (text: string) => void,
    private readonly blockLength = 64 * 1024,
  ) {}

  write(text: string): void {
    this.held.push(text);
    this.heldLength += text.length;
    if (this.heldLength >= this.blockLength) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (this.held.length === 0) return;
    const block = this.held.join('');
    this.held = [];
    this.heldLength = 0;
    this.output(block);
  }
}
