import { detectSensitiveData } from '../../../src/engine/detectors/index';
import type { DetectorMatch } from '../../../src/engine/detectors/types';

/** Matches of one code in `value`, with the matched text alongside. */
export function found(
  value: string,
  code: string,
  column = '',
  defaultRegion?: string,
): Array<DetectorMatch & { text: string }> {
  return detectSensitiveData(value, { column }, { defaultRegion, enabled: (candidate) => candidate === code }).map(
    (match) => ({
      ...match,
      text: value.slice(match.start, match.end),
    }),
  );
}

/** The matched texts of one code in `value`. */
export function texts(value: string, code: string, column = '', defaultRegion?: string): string[] {
  return found(value, code, column, defaultRegion).map((match) => match.text);
}
