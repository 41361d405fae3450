/**
 * The server half of `npm run fuzz`: each mutant is opened in the built language server (as an editor would send
 * it: the bytes decoded as UTF-8), followed by a small sentinel document with one finding. The server analyses
 * documents in the order they open on one thread, so the sentinel's diagnostics arrive once the mutant's analysis
 * has run: that delay is the mutant's cost, and a mutant that blocks the server blocks the sentinel too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LspTestClient } from '../server/lspClient';

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.jsonl': 'jsonl',
  '.json': 'json',
  '.prompt': 'prompt',
  '.prompty': 'prompt',
  '.md': 'markdown',
  '.txt': 'plaintext',
};

export interface ServerOutcome {
  id: number;
  ms: number;
  /** The longest any request (a hover sent every 100 ms meanwhile) waited for its answer: how long the server was deaf. */
  maxRequestMs: number;
  /** The sentinel did not answer within the deadline: the server was restarted. */
  timedOut: boolean;
  /** The server process died while analysing this mutant. */
  crashed: boolean;
}

const SENTINEL = 'name,email\nAnn,ann@example.org\n';

/** Hover requests every 100 ms; the longest wait for an answer (one still unanswered counts until `stop`). */
class Pings {
  private longest = 0;
  private readonly pending = new Set<bigint>();
  private readonly timer: NodeJS.Timeout;

  constructor(client: LspTestClient, uri: string) {
    const ping = () => {
      const sent = process.hrtime.bigint();
      this.pending.add(sent);
      const request = client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      });
      request.then(
        () => this.answered(sent),
        () => this.answered(sent),
      );
    };
    ping();
    this.timer = setInterval(ping, 100);
  }

  stop(): number {
    clearInterval(this.timer);
    const now = process.hrtime.bigint();
    for (const sent of this.pending) this.longest = Math.max(this.longest, Number(now - sent) / 1e6);
    this.pending.clear();
    return this.longest;
  }

  private answered(sent: bigint): void {
    if (!this.pending.delete(sent)) return;
    this.longest = Math.max(this.longest, Number(process.hrtime.bigint() - sent) / 1e6);
  }
}

/** Drives one server at a time, restarting it after a time-out, a crash, or every `restartEvery` documents. */
export class ServerFuzzer {
  private client: LspTestClient | undefined;
  private opened = 0;
  private sentinels = 0;

  constructor(
    private readonly serverPath: string,
    private readonly workspace: string,
    private readonly deadlineMs: number,
    private readonly restartEvery = 250,
  ) {}

  async run(id: number, file: string, extension: string, text: string): Promise<ServerOutcome> {
    const client = await this.ready();
    const started = process.hrtime.bigint();
    client.open(file, LANGUAGE_BY_EXTENSION[extension] ?? 'plaintext', text);
    const sentinel = path.join(this.workspace, 'sentinels', `s${this.sentinels++}.csv`);
    const uri = client.open(sentinel, 'csv', SENTINEL);
    this.opened += 2;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.deadlineMs)));
    const pings = new Pings(client, uri);
    try {
      const answer = await Promise.race([client.nextDiagnostics(uri).then(() => 'ok' as const), deadline]);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (answer === 'late') await this.restart();
      return { id, ms, maxRequestMs: pings.stop(), timedOut: answer === 'late', crashed: false };
    } catch {
      const maxRequestMs = pings.stop();
      await this.restart();
      return { id, ms: Number(process.hrtime.bigint() - started) / 1e6, maxRequestMs, timedOut: false, crashed: true };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    const quit = client.shutdown().catch(() => undefined);
    const late = new Promise((resolve) => setTimeout(resolve, 5000));
    if ((await Promise.race([quit.then(() => 'done'), late])) !== 'done') client.kill();
  }

  private async ready(): Promise<LspTestClient> {
    if (this.client && this.opened >= this.restartEvery) await this.close();
    if (!this.client) {
      mkdirSync(path.join(this.workspace, 'sentinels'), { recursive: true });
      writeFileSync(path.join(this.workspace, 'sentinels', 'README.txt'), 'documents opened after each mutant\n');
      this.client = new LspTestClient(this.serverPath, { debounceMs: 0 });
      await this.client.initialize(this.workspace);
      this.opened = 0;
    }
    return this.client;
  }

  private async restart(): Promise<void> {
    this.client?.kill();
    this.client = undefined;
  }
}
