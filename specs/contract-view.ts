/**
 * The documented contract inside a spec: what a conformance rule may hold any implementation to.
 *
 * Each spec marks where a schema property comes from: `x-source` (a vendor sentence or a cited
 * client names it) or `x-inferred` (our choice, e.g. a field the mock adds); `x-type-inferred` on a
 * documented property says the source names the field but not its type. The contract view of a
 * schema keeps the documented properties only (a name-only one without any type), requires a property only when it is documented and
 * the spec requires it, always allows extra members, and drops the constraints the specs add for
 * the mock's own input checks (patterns, formats, lengths, ranges), which no vendor states for
 * answers. The mock keeps validating against the full spec.
 */
import type { OpenApiDocument } from './apis.ts';

type Node = Record<string, unknown>;

// Constraints the specs state for input the mock refuses; an answer is not judged by them.
const MOCK_ONLY_CONSTRAINTS = ['pattern', 'format', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'uniqueItems'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'not', 'contains', 'if', 'then', 'else'];

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isDocumentedProperty(property: unknown): boolean {
  return isNode(property) && typeof property['x-source'] === 'string';
}

function contractSchema(schema: unknown): unknown {
  if (!isNode(schema)) return schema;
  const view: Node = { ...schema };
  for (const key of MOCK_ONLY_CONSTRAINTS) delete view[key];
  if (isNode(schema.properties)) {
    const documented = Object.entries(schema.properties).filter(([, property]) => isDocumentedProperty(property));
    view.properties = Object.fromEntries(
      documented.map(([name, property]) => [name, isNode(property) && property['x-type-inferred'] ? {} : contractSchema(property)]),
    );
    const names = new Set(documented.map(([name]) => name));
    if (Array.isArray(schema.required)) view.required = schema.required.filter((name) => names.has(name as string));
  }
  // Extra members are always allowed: a server may add what the document does not mention.
  if (schema.additionalProperties === false) delete view.additionalProperties;
  else if (isNode(schema.additionalProperties)) view.additionalProperties = contractSchema(schema.additionalProperties);
  delete view.unevaluatedProperties;
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(schema[key])) view[key] = (schema[key] as unknown[]).map(contractSchema);
  for (const key of SUBSCHEMAS) if (key in schema) view[key] = contractSchema(schema[key]);
  return view;
}

function contractMedia(content: unknown): unknown {
  if (!isNode(content)) return content;
  return Object.fromEntries(Object.entries(content).map(([type, media]) => [type, isNode(media) ? { ...media, schema: contractSchema(media.schema) } : media]));
}

function contractResponses(responses: unknown): unknown {
  if (!isNode(responses)) return responses;
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [status, isNode(response) && response.content ? { ...response, content: contractMedia(response.content) } : response]),
  );
}

/** The spec with every schema replaced by its contract view; operations and paths stay as written. */
export function contractView(spec: OpenApiDocument): OpenApiDocument {
  const paths = Object.fromEntries(
    Object.entries(spec.paths).map(([path, item]) => [
      path,
      Object.fromEntries(Object.entries(item).map(([method, operation]) => [method, isNode(operation) ? { ...operation, responses: contractResponses(operation.responses) } : operation])),
    ]),
  );
  const components = (spec.components ?? {}) as Node;
  const schemas = isNode(components.schemas) ? Object.fromEntries(Object.entries(components.schemas).map(([name, schema]) => [name, contractSchema(schema)])) : components.schemas;
  return { ...spec, paths, components: { ...components, schemas: schemas as Record<string, unknown>, responses: contractResponses(components.responses) } };
}
