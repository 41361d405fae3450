/** A file scan worker's entry (`dist/fileScanWorker.js`): fileScanWorker.ts's bundle loaded with a compile cache on. */
import { loadWithCompileCache } from '../io';

loadWithCompileCache(__dirname, 'fileScanWorkerMain.js');
