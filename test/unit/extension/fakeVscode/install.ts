/**
 * Makes `require('vscode')` load the fake beside this file. Import it before any module that imports `vscode`.
 */
import Module from 'node:module';
import path from 'node:path';

interface ResolvingModule {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

const resolving = Module as unknown as ResolvingModule;
const original = resolving._resolveFilename;
const fakePath = path.join(__dirname, 'vscode.ts');

resolving._resolveFilename = function resolveFakeVscode(this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? fakePath : original.call(this, request, ...rest);
};
