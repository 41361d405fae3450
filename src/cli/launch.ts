/** The `rml` executable (`dist/cli.js`): the CLI (`dist/cliMain.js`) loaded with a compile cache on. */
import { loadWithCompileCache } from '../engine/io';

const cli = loadWithCompileCache(__dirname, 'cliMain.js') as typeof import('./main');

// `dist/cli.js` is also what tools require for `runCli` (the fuzzer): it offers what the CLI does.
module.exports = cli;
if (require.main === module) cli.main();
