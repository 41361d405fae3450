import { ENABLE_GPU_FIX } from '../engine/compute';

/**
 * The engine's advice names the editor's command; in a terminal, say that it is one, and what to run there
 * instead (the native package installed beside rml, which resolves it like any dependency).
 */
export function forTerminal(line: string): string {
  return line
    .split(ENABLE_GPU_FIX)
    .join(
      "in VS Code, run the command 'Responsible ML: Enable GPU Acceleration'; " +
        'from a terminal, npm install that package where rml is installed',
    );
}
