import { createCsvParser } from './csv';
import { createJsonParser } from './json';
import { createJsonlParser } from './jsonl';
import { createTextParser } from './text';
import type { DatasetFormat, ParseOptions, RecordSink, StreamParser } from './types';

/** A push parser for `format`; CSV sniffs its delimiter unless one is given, TSV uses a tab. */
export function createParser(format: DatasetFormat, sink: RecordSink, options: ParseOptions = {}): StreamParser {
  switch (format) {
    case 'csv':
      return createCsvParser(sink, options);
    case 'tsv':
      return createCsvParser(sink, { ...options, delimiter: options.delimiter ?? '\t' });
    case 'jsonl':
      return createJsonlParser(sink, options);
    case 'json':
      return createJsonParser(sink, options);
    case 'text':
      return createTextParser(sink, options);
  }
}
