/**
 * Negative inputs from a spec: a valid body per operation (json-schema-faker, checked with ajv,
 * the spec's example as fallback), then mutations that make it invalid: a required field removed,
 * a field of the wrong type, a string past its maxLength. Only mutations the schema rejects are kept.
 */
import { isDocumentedProperty } from '../../specs/contract-view.ts';
import { generate } from 'json-schema-faker';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { loadSpec, type ApiName, type OpenApiDocument } from '../../specs/apis.ts';
import { createSpecAjv, pointerSegment, specRef } from '../../specs/schema-validator.ts';

export type MutationKind = 'missing' | 'type' | 'long' | 'deep';

/** How deep the nested bodies go: deeper than a recursive parser, validator or serialiser survives. */
export const NESTING_DEPTH = 10_000;

/** A frame of a stack trace ("at fn (/srv/app.js:10:5)") or a stack overflow, in an answer to bad input. */
export const STACK_TRACE = /\bat \S+ \(?(?:\/|[A-Za-z]:\\|node:|file:)[^\s)]*:\d+:\d+|Maximum call stack/;

export interface JsonOperation {
  operationId: string;
  method: string;
  path: string;
  /** A body the spec accepts. */
  valid: Record<string, unknown>;
  mutations: { kind: MutationKind; label: string; body: unknown; /** The body as sent, where it is too deep to serialise here. */ text?: string }[];
}

interface PropertySchema {
  type?: string | string[];
  maxLength?: number;
  $ref?: string;
}

interface ObjectSchema {
  required?: string[];
  properties?: Record<string, PropertySchema>;
}

/** A value of a different JSON type than the property allows. */
function wrongTypeFor(schema: PropertySchema): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object'];
  if (types.includes('string')) return 12345;
  if (types.includes('number') || types.includes('integer')) return 'not-a-number';
  if (types.includes('boolean')) return 'yes';
  if (types.includes('array')) return { not: 'an array' };
  return ['not', 'an', 'object'];
}

export async function negativeBodies(api: ApiName): Promise<JsonOperation[]> {
  const spec = loadSpec(api);
  const ajv = createSpecAjv(spec);
  const operations: JsonOperation[] = [];
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(pathItem)) {
      const operation = raw as { operationId?: string; requestBody?: { $ref?: string; content?: Record<string, { schema?: unknown; example?: unknown }> } };
      if (!operation?.operationId || !operation.requestBody) continue;
      const requestBody = resolve(spec, operation.requestBody) as { content?: Record<string, { schema?: unknown; example?: unknown }> };
      const media = requestBody.content?.['application/json'];
      if (!media?.schema) continue;
      const pointer = operation.requestBody.$ref
        ? `${operation.requestBody.$ref.slice(1)}/content/application~1json/schema`
        : `/paths/${pointerSegment(path)}/${method}/requestBody/content/application~1json/schema`;
      const validate = ajv.compile(specRef(pointer));
      const schema = resolve(spec, media.schema) as ObjectSchema;
      const valid = await validBody(spec, media.schema, media.example, validate);
      if (!valid) continue;
      operations.push({ operationId: operation.operationId, method, path, valid, mutations: mutationsOf(schema, valid, validate, spec) });
    }
  }
  return operations;
}

async function validBody(spec: OpenApiDocument, schema: unknown, example: unknown, validate: ValidateFunction): Promise<Record<string, unknown> | undefined> {
  for (const seed of [1, 2, 3]) {
    const candidate = await generate({ ...(schema as object), components: spec.components } as never, {
      seed,
      formats: { password: () => 'Passw0rd-12345' },
    });
    if (validate(candidate) && typeof candidate === 'object' && candidate !== null) return candidate as Record<string, unknown>;
  }
  return validate(example) ? (example as Record<string, unknown>) : undefined;
}

function mutationsOf(schema: ObjectSchema, valid: Record<string, unknown>, validate: ValidateFunction, spec: OpenApiDocument): JsonOperation['mutations'] {
  const candidates: JsonOperation['mutations'] = [];
  // Only a field the vendor documents is one a server must insist on; the others are the project's.
  for (const field of (schema.required ?? []).filter((name) => isDocumentedProperty(schema.properties?.[name]))) {
    const { [field]: _removed, ...rest } = valid;
    candidates.push({ kind: 'missing', label: `without ${field}`, body: rest });
  }
  for (const [field, raw] of Object.entries(schema.properties ?? {})) {
    if (!isDocumentedProperty(raw)) continue;
    const property = resolve(spec, raw) as PropertySchema;
    candidates.push({ kind: 'type', label: `${field} of the wrong type`, body: { ...valid, [field]: wrongTypeFor(property) } });
    if (property.maxLength !== undefined) {
      candidates.push({ kind: 'long', label: `${field} past maxLength`, body: { ...valid, [field]: 'x'.repeat(Math.min(property.maxLength + 1000, 10_000)) } });
    }
  }
  candidates.push(...deepMutations(schema, valid));
  // A mutation the schema still accepts is no negative input. A deep one is judged by a shallow
  // stand-in of the same shape: what rejects two levels rejects ten thousand.
  return candidates.filter((mutation) => !validate(mutation.body));
}

/** A body that is an array nested NESTING_DEPTH deep, and a documented field holding an object nested as deep. */
function deepMutations(schema: ObjectSchema, valid: Record<string, unknown>): JsonOperation['mutations'] {
  const mutations: JsonOperation['mutations'] = [
    { kind: 'deep', label: `that is an array nested ${NESTING_DEPTH} deep`, body: [[[]]], text: `${'['.repeat(NESTING_DEPTH)}${']'.repeat(NESTING_DEPTH)}` },
  ];
  const field = Object.keys(schema.properties ?? {}).find((name) => isDocumentedProperty(schema.properties?.[name]));
  if (field) {
    const marker = '"__nested__"';
    const text = JSON.stringify({ ...valid, [field]: '__nested__' }).replace(marker, `${'{"a":'.repeat(NESTING_DEPTH)}1${'}'.repeat(NESTING_DEPTH)}`);
    mutations.push({ kind: 'deep', label: `with ${field} an object nested ${NESTING_DEPTH} deep`, body: { ...valid, [field]: { a: { a: 1 } } }, text });
  }
  return mutations;
}

function resolve(spec: OpenApiDocument, node: unknown): unknown {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref) return node;
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((current, segment) => (current as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  return resolve(spec, target);
}
