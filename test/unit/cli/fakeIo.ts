import type { CliIo } from '../../../src/cli/io';

/** A CliIo that records what a command prints, for in-process CLI tests. */
export function fakeIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}
