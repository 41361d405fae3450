import type { CliIo } from '../io';
import { JsonReporter } from './json';
import { SarifReporter } from './sarif';
import { TextReporter } from './text';
import type { Reporter } from './tally';

export type { Reporter } from './tally';

export type ReportFormat = 'text' | 'json' | 'sarif';

export function createReporter(format: ReportFormat, io: CliIo): Reporter {
  switch (format) {
    case 'json':
      return new JsonReporter(io);
    case 'sarif':
      return new SarifReporter(io);
    case 'text':
      return new TextReporter(io);
  }
}
