/** The language server's entry (`dist/server.js`): the server (`dist/serverMain.js`) loaded with a compile cache on. */
import { loadWithCompileCache } from '../engine/io';

loadWithCompileCache(__dirname, 'serverMain.js');
