import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')}: ${String(stderr).trim() || error.message}`));
      else resolve(String(stdout));
    });
  });
}

export async function repositoryRoot(cwd: string): Promise<string> {
  return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
}

/** The commit a ref names (so the report says exactly what it compared with). */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  return (
    await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
      throw new Error(`'${ref}' is not a commit of ${repo}`);
    })
  ).trim();
}

/**
 * Writes the files of `commit` under `paths` that `wanted` accepts into `target`, with the same relative paths,
 * by `git ls-tree` and `git show`: the user's checkout, index and worktree list are never touched.
 */
export async function materializeCommit(
  repo: string,
  commit: string,
  paths: string[],
  target: string,
  wanted: (file: string) => boolean,
): Promise<string[]> {
  const listing = await git(repo, [
    'ls-tree',
    '-r',
    '-z',
    '--name-only',
    '--full-tree',
    commit,
    '--',
    ...(paths.length ? paths : ['.']),
  ]);
  const files = listing.split('\0').filter((file) => file !== '' && wanted(file));
  for (const file of files) {
    const destination = path.join(target, ...file.split('/'));
    await mkdir(path.dirname(destination), { recursive: true });
    const child = spawn('git', ['show', `${commit}:${file}`], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
    await pipeline(child.stdout, createWriteStream(destination));
    if ((await exited) !== 0) throw new Error(`git show ${commit}:${file}: ${stderr.trim()}`);
  }
  return files;
}
