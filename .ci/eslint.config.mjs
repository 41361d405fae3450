// Type-aware lint for the rules that catch real bugs in async editor code (vscode-eslint's habit:
// an ignored promise says so with `void`).
import path from 'node:path';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/bench/.data/**', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: path.join(import.meta.dirname, '..') } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The engine is shared by the server, the CLI and tests: it must not depend on the editor or LSP.
    files: ['src/engine/**/*.ts', 'src/shared/**/*.ts', 'webviews/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'The engine imports neither vscode nor LSP.' }] }],
    },
  },
);
