/** The io folder's front door: what other folders use of it. */
export { writeDirectoryAtomically, writeFileAtomically, writeJsonAtomic, writeLinesAtomically } from './atomic';
export { processIsAlive } from './processes';
export { parseFile } from './readChunks';
export { loadWithCompileCache } from './compileCache';
export { allowCompilerTuning, tuneCompilerForScans } from './compilerFlags';
export { sha256File } from './fileHash';
