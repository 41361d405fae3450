// Type-aware lint for the rules that catch real bugs in async editor code (vscode-eslint's habit:
// an ignored promise says so with `void`).
import path from 'node:path';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/bench/.data/**',
      '**/*.mjs',
      '**/*.js',
      '**/*.as.ts',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: path.join(import.meta.dirname, '..') } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      // `_name` says "deliberately unused" (a field dropped by destructuring, an argument an interface requires).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
);
// The layers (what may import what, no cycles) are checked by dependency-cruiser: .ci/dependency-cruiser.cjs.
