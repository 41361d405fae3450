// The layers of the product, checked on every `npm run lint` (dependency-cruiser). A violation names both files.
//
//   src/shared   the contract: plain types and constants every process shares (protocol.ts alone speaks LSP)
//   src/engine   reads data and computes; imports src/shared's contract, never an editor, LSP or a process;
//                each folder is entered through its index.ts (its front door) from outside it
//   src/server   the language server: LSP wiring over the engine
//   src/cli      `rml`: the engine on the command line
//   src/extension the extension host: only src/shared and itself (it asks the server for everything else)
//   webviews/    browser code: only src/shared's plain types and itself
const EDITOR_AND_LSP =
  '^(vscode|vscode-languageserver|vscode-languageserver-protocol|vscode-languageclient|vscode-jsonrpc)($|/)';
const NODE_MODULES = 'node_modules/';
const FRONT_DOOR = '^src/engine/[^/]+/index\\.ts$';
// Imported for what they do on import (register strategies, run a worker), not for names: no front door to pass.
// A synchronous `require` inside a function loads one module when first needed (esbuild makes it a lazy init);
// through the front door it would load the whole folder at start-up (scan/promptAnalyzers.ts says what that costs).
const LAZY = ['require', 'type-import'];
const SIDE_EFFECT_MODULES = '^src/engine/(mitigation/register|training/worker)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Import cycles make start-up order and layering fragile: break the cycle by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-imports-no-editor',
      severity: 'error',
      comment:
        'The engine is shared by the server, the CLI and tests: it imports neither vscode nor LSP nor a process layer.',
      from: { path: '^src/engine/' },
      to: {
        path: [
          EDITOR_AND_LSP,
          '^src/(server|extension|cli)/',
          '^webviews/',
          '^src/shared/(protocol|webviewMessages)\\.ts$',
        ],
      },
    },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'src/shared is imported by everyone, so it imports nothing of theirs.',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(engine|server|extension|cli)/', '^webviews/'] },
    },
    {
      name: 'only-the-protocol-speaks-lsp',
      severity: 'error',
      comment:
        'Of src/shared, only protocol.ts declares LSP message objects; the rest stays plain for the browser and the engine.',
      from: { path: '^src/shared/', pathNot: '^src/shared/protocol\\.ts$' },
      to: { path: EDITOR_AND_LSP },
    },
    {
      name: 'extension-host-imports-only-shared',
      severity: 'error',
      comment:
        'The extension host stays thin: it asks the server (through src/shared/protocol.ts) instead of importing the engine.',
      from: { path: '^src/extension/' },
      to: { path: ['^src/(engine|server|cli)/', '^webviews/'] },
    },
    {
      name: 'webviews-import-only-shared-types',
      severity: 'error',
      comment: 'Webviews run in the browser: only the plain types of src/shared and their own code.',
      from: { path: '^webviews/' },
      to: { path: ['^src/(engine|server|extension|cli)/', '^src/shared/protocol\\.ts$', EDITOR_AND_LSP] },
    },
    {
      name: 'server-and-cli-are-separate-processes',
      severity: 'error',
      from: { path: '^src/(server|cli)/' },
      to: { path: ['^src/extension/', '^webviews/'] },
    },
    {
      name: 'engine-folders-have-a-front-door',
      severity: 'error',
      comment:
        'Outside an engine folder, import it through its index.ts: the folder says there what the others may use, and can change the rest.',
      from: { path: '^src/engine/([^/]+)/' },
      to: {
        path: '^src/engine/[^/]+/',
        pathNot: ['^src/engine/$1/', FRONT_DOOR, SIDE_EFFECT_MODULES],
        dependencyTypesNot: LAZY,
      },
    },
    {
      name: 'processes-use-the-engine-front-doors',
      severity: 'error',
      comment: 'The server, the CLI and the worker entry points import an engine folder through its index.ts.',
      from: { path: ['^src/(server|cli)/', '^src/engine/[^/]+\\.ts$'] },
      to: { path: '^src/engine/[^/]+/', pathNot: [FRONT_DOOR, SIDE_EFFECT_MODULES] },
    },
    { name: 'server-is-not-the-cli', severity: 'error', from: { path: '^src/server/' }, to: { path: '^src/cli/' } },
    { name: 'cli-is-not-the-server', severity: 'error', from: { path: '^src/cli/' }, to: { path: '^src/server/' } },
  ],
  options: {
    doNotFollow: { path: NODE_MODULES },
    exclude: { path: '(^|/)(node_modules|dist|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
