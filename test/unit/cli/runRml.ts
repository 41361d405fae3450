import { runCli } from '../../../src/cli/main';
import { fakeIo } from './fakeIo';

/** Runs `rml …args` in process, in `cwd`: its exit code and what it printed on each stream. */
export async function rml(cwd: string, ...args: string[]) {
  const io = fakeIo(cwd);
  const code = await runCli(args, io);
  return { code, stdout: io.out, stderr: io.err };
}
