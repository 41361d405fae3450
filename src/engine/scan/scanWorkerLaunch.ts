/** A table-chunk scan worker's entry (`dist/scanWorker.js`): scanWorker.ts's bundle loaded with a compile cache on. */
import { loadWithCompileCache } from '../io';

loadWithCompileCache(__dirname, 'scanWorkerMain.js');
