import type { CliIo } from '../io';
import { JsonReporter } from './json';
import { TextReporter } from './text';
import type { Reporter } from './tally';

export type { Reporter } from './tally';

export type ReportFormat = 'text' | 'json' | 'sarif';

export function createReporter(format: ReportFormat, io: CliIo): Reporter {
  switch (format) {
    case 'json':
      return new JsonReporter(io);
    case 'sarif': {
      // Loaded only for SARIF (a lazy module init in the bundle): its rule table is the engine's code catalogue,
      // whose folders reach the training front door (TensorFlow.js, the BPE tables): about 0.3 s of start-up
      // that a text or JSON `rml scan` does not need.
      const { SarifReporter } = require('./sarif') as typeof import('./sarif');
      return new SarifReporter(io);
    }
    case 'text':
      return new TextReporter(io);
  }
}
