/**
 * The JSON Schema 2020-12 validator both the mock (requests) and the suites (responses) use on a
 * spec. The whole OpenAPI document is registered under one id so `$ref`s resolve as written.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './apis.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

export const SPEC_SCHEMA_ID = 'spec';

export function createSpecAjv(spec: OpenApiDocument, options: { coerceTypes?: boolean } = {}): Ajv2020 {
  const coerce = options.coerceTypes ?? false;
  // strict off: the document carries OpenAPI keywords (paths, example, x-*) that are not JSON Schema.
  // validateSchema off: an OpenAPI document is no JSON Schema to check against the meta-schema
  // (Spectral lints the specs), and compiling the meta-schema was a sixth of the mock's start-up.
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce, useDefaults: coerce, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('password', true);
  ajv.addSchema(spec, SPEC_SCHEMA_ID);
  return ajv;
}

/** A `$ref` to a location of the registered spec, for compiling a part of it. */
export function specRef(pointer: string): { $ref: string } {
  return { $ref: `${SPEC_SCHEMA_ID}#${pointer}` };
}

/** Escapes one JSON Pointer segment, e.g. a path like /auth/login. */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
