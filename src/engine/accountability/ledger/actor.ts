import { execFile } from 'node:child_process';
import os from 'node:os';
import type { LedgerActor } from '../../../shared/ledger';

const cache = new Map<string, Promise<LedgerActor>>();

/** Who acts in `cwd`: git's `user.name` and `user.email` there, else the operating-system user. Cached per folder. */
export function ledgerActor(cwd: string): Promise<LedgerActor> {
  let actor = cache.get(cwd);
  if (!actor) {
    actor = readActor(cwd);
    cache.set(cwd, actor);
  }
  return actor;
}

async function readActor(cwd: string): Promise<LedgerActor> {
  const [name, email] = await Promise.all([gitConfig(cwd, 'user.name'), gitConfig(cwd, 'user.email')]);
  if (name) return { name, ...(email ? { email } : {}), source: 'git' };
  return { name: osUser(), source: 'os' };
}

function gitConfig(cwd: string, key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', '--get', key], { cwd, timeout: 5_000, windowsHide: true }, (error, stdout) => {
      const value = String(stdout ?? '').trim();
      resolve(error || value === '' ? undefined : value);
    });
  });
}

function osUser(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
}
