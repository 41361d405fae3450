import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../../../../media/schemas/model-card-toolkit-v0.0.2.schema.json';

/** The Model Card Toolkit schema version the export follows. */
export const MCT_SCHEMA_VERSION = '0.0.2';

/**
 * The vendored file is Google's, byte for byte; its one reference without a slash (`#definitions/graphic`, which no
 * draft-07 validator resolves) is corrected here rather than in the file, so the file stays comparable with upstream.
 */
function resolvableSchema(): object {
  return JSON.parse(JSON.stringify(schema).replace('"#definitions/graphic"', '"#/definitions/graphic"')) as object;
}

/** Compiled on first use (Ajv, with ajv-formats for the schema's `date` and `uri`). */
let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    compiled = ajv.compile(resolvableSchema());
  }
  return compiled;
}

/** What makes a document invalid against the Model Card Toolkit schema, one line each; empty when it is valid. */
export function modelCardToolkitErrors(document: unknown): string[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => {
    const where = error.instancePath || '(the document)';
    const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params['additionalProperty'])}'` : '';
    return `${where}: ${error.message ?? error.keyword}${extra}`;
  });
}
