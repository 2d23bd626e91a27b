/**
 * Checks a response against the documented contract in the project's spec of an API (see
 * specs/contract-view.ts): for a status the spec declares, the content type and a JSON body's
 * documented fields (ajv, JSON Schema 2020-12). Extra fields are always allowed, and a status the
 * spec does not declare is left to the rule that asserts the status, unless it is a 5xx.
 */
import { AssertionError } from 'node:assert';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { API_TITLES, loadSpec, type ApiName, type OpenApiDocument } from '../../specs/apis.ts';
import { contractView } from '../../specs/contract-view.ts';
import { securityOf, type OperationSecurity } from '../../specs/operation-security.ts';
import { findOperation, operationsOf } from '../../specs/operations.ts';
import { createSpecAjv, pointerSegment, specRef } from '../../specs/schema-validator.ts';
import type { HttpResponse } from './http.ts';
import { redactSecrets } from './redact.ts';

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}

interface Operation {
  method: string;
  path: string;
  responses: Record<string, ResponseObject>;
}

const isJson = (mediaType: string) => /^application\/(?:[\w.-]+\+)?json$/.test(mediaType);

export class SpecAssertions {
  private readonly spec: OpenApiDocument;
  private readonly ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly api: ApiName) {
    this.spec = contractView(loadSpec(api));
    this.ajv = createSpecAjv(this.spec);
  }

  /** Throws an AssertionError naming the operation when `response` breaks the spec. */
  expectMatches(operationId: string, response: HttpResponse): void {
    const operation = this.operation(operationId);
    const where = `${operationId} (${operation.method.toUpperCase()} ${operation.path}) in the project's spec of ${API_TITLES[this.api]}`;
    const status = String(response.status);
    const declared = operation.responses[status] ? status : operation.responses.default ? 'default' : undefined;
    if (!declared) {
      if (response.status >= 500) this.fail(`${where}: expected one of ${Object.keys(operation.responses).join(', ')}, got ${status}`, response);
      return;
    }
    let pointer = `/paths/${pointerSegment(operation.path)}/${operation.method}/responses/${declared}`;
    let definition = operation.responses[declared as string] as ResponseObject;
    if (definition.$ref) {
      pointer = definition.$ref.slice(1);
      definition = this.resolve(pointer) as ResponseObject;
    }
    const mediaTypes = Object.keys(definition.content ?? {});
    if (mediaTypes.length === 0) return;
    const received = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    // Any JSON media type (application/problem+json, ...) answers where the spec says JSON.
    const declaredType = mediaTypes.includes(received) ? received : isJson(received) ? mediaTypes.find(isJson) : undefined;
    if (!declaredType) {
      this.fail(`${where}: expected content-type ${mediaTypes.join(' or ')} for ${status}, got "${received}"`, response);
    }
    if (!isJson(declaredType)) return;
    const schemaPointer = `${pointer}/content/${pointerSegment(declaredType)}/schema`;
    let validate = this.validators.get(schemaPointer);
    if (!validate) {
      validate = this.ajv.compile(specRef(schemaPointer));
      this.validators.set(schemaPointer, validate);
    }
    if (!validate(response.json())) {
      const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message}`).join('; ');
      this.fail(`${where}: the ${status} body breaks its documented fields: ${problems}`, response);
    }
  }

  private fail(message: string, response: HttpResponse): never {
    throw new AssertionError({ message: `${message}\n  body: ${redactSecrets(response.text.slice(0, 500))}` });
  }

  private operation(operationId: string): Operation {
    const found = findOperation(this.spec, operationId);
    if (!found) throw new Error(`operation ${operationId} is not in specs/${this.api}.yaml`);
    return { method: found.method, path: found.path, responses: (found.definition.responses as Record<string, ResponseObject> | undefined) ?? {} };
  }

  private resolve(pointer: string): unknown {
    return pointer
      .split('/')
      .slice(1)
      .reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')], this.spec);
  }

  /** Every operation id with its method, path, whether it needs a credential and who may call it (x-required-*). */
  operations(): ({ method: string; path: string; secured: boolean } & OperationSecurity)[] {
    return operationsOf(this.spec).map(({ operationId, method, path, secured }) => ({ ...securityOf(this.spec, operationId), method, path, secured }));
  }
}
