/**
 * Request validation against the API's own spec: bodies by component schema, query strings by the
 * operation's declared parameters. Problems come back as neutral issues; each API words them.
 */
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from '../../specs/apis.ts';
import { findOperation } from '../../specs/operations.ts';
import { createSpecAjv, specRef } from '../../specs/schema-validator.ts';
import { boundedEcho } from './bounded-echo.ts';
import type { ValidationIssue } from './http-error.ts';

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: object;
  $ref?: string;
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly queryAjv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly spec: OpenApiDocument) {
    this.ajv = createSpecAjv(spec);
    this.queryAjv = createSpecAjv(spec, { coerceTypes: true });
  }

  /** Issues of a body against `#/components/schemas/<schemaName>`; empty when it validates. */
  body(schemaName: string, body: unknown): ValidationIssue[] {
    const validate = this.compile(`body:${schemaName}`, this.ajv, specRef(`/components/schemas/${schemaName}`));
    return validate(body) ? [] : toIssues(validate.errors ?? [], ['body'], body);
  }

  /**
   * Validates and coerces the query string of an operation. Returns the typed values (defaults
   * applied) or the issues.
   */
  query(operationId: string, query: Record<string, unknown>): { values: Record<string, unknown>; issues: ValidationIssue[] } {
    const validate = this.compile(`query:${operationId}`, this.queryAjv, this.querySchema(operationId));
    const values: Record<string, unknown> = { ...query };
    return validate(values) ? { values, issues: [] } : { values, issues: toIssues(validate.errors ?? [], ['query'], query) };
  }

  private compile(key: string, ajv: Ajv2020, schema: object): ValidateFunction {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      this.cache.set(key, validate);
    }
    return validate;
  }

  private querySchema(operationId: string): object {
    const properties: Record<string, object> = {};
    const required: string[] = [];
    for (const parameter of this.parametersOf(operationId)) {
      if (parameter.in !== 'query') continue;
      properties[parameter.name] = parameter.schema ?? {};
      if (parameter.required) required.push(parameter.name);
    }
    return { type: 'object', properties, required };
  }

  private parametersOf(operationId: string): ParameterObject[] {
    const operation = findOperation(this.spec, operationId);
    if (!operation) throw new Error(`operation ${operationId} is not in the spec`);
    const shared = (operation.pathItem.parameters as ParameterObject[] | undefined) ?? [];
    const own = (operation.definition.parameters as ParameterObject[] | undefined) ?? [];
    return [...shared, ...own].map((parameter) => this.resolve(parameter));
  }

  private resolve(parameter: ParameterObject): ParameterObject {
    if (!parameter.$ref) return parameter;
    const name = parameter.$ref.replace('#/components/parameters/', '');
    const components = this.spec.components as { parameters?: Record<string, ParameterObject> } | undefined;
    const resolved = components?.parameters?.[name];
    if (!resolved) throw new Error(`unresolved parameter ${parameter.$ref}`);
    return resolved;
  }
}

function toIssues(errors: ErrorObject[], prefix: (string | number)[], root: unknown): ValidationIssue[] {
  return errors
    .filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf')
    .map((error) => {
      const path = error.instancePath.split('/').slice(1).map(unescapePointer);
      if (error.keyword === 'required') {
        const field = (error.params as { missingProperty: string }).missingProperty;
        return { location: [...prefix, ...path, field], kind: 'missing', message: 'Field required', input: null };
      }
      return {
        location: [...prefix, ...path],
        kind: kindOf(error),
        message: messageOf(error),
        input: boundedEcho(valueAt(root, path)),
      };
    });
}

function kindOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return `${String((error.params as { type: string }).type).split(',')[0]}_type`;
    case 'minLength':
      return 'string_too_short';
    case 'maxLength':
      return 'string_too_long';
    case 'pattern':
      return 'string_pattern_mismatch';
    case 'minimum':
      return 'greater_than_equal';
    case 'maximum':
      return 'less_than_equal';
    case 'minProperties':
      return 'missing';
    case 'enum':
    case 'const':
      return 'enum';
    default:
      return 'value_error';
  }
}

/** Pydantic's wording, which FastAPI clients already know. */
function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `Input should be a valid ${String(params.type).split(',')[0]}`;
    case 'format':
      return `Input should be a valid ${String(params.format)}`;
    case 'minLength':
      return `String should have at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `String should have at most ${String(params.limit)} characters`;
    case 'pattern':
      return `String should match pattern '${String(params.pattern)}'`;
    case 'minimum':
      return `Input should be greater than or equal to ${String(params.limit)}`;
    case 'maximum':
      return `Input should be less than or equal to ${String(params.limit)}`;
    case 'minProperties':
      return 'At least one field must be given';
    case 'enum':
      return `Input should be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'const':
      return `Input should be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `Input ${error.message ?? 'is invalid'}`;
  }
}

function unescapePointer(segment: string): string | number {
  const text = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let value: unknown = root;
  for (const key of path) value = (value as Record<string | number, unknown> | undefined)?.[key];
  return value;
}
