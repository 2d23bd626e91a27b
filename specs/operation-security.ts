/**
 * The security facts of an operation, read from the spec that documents them: whether it is public,
 * the role it needs (`x-required-role`), the API-key scope that stands in for the role
 * (`x-required-scope`), the permission it asks (`x-required-permission`). Guards are built from
 * these, so the spec says once who may call what. An operation the spec does not have is a bug in
 * the mock, found when the mock is built.
 */
import type { OpenApiDocument } from './apis.ts';
import { findOperation } from './operations.ts';

export interface OperationSecurity {
  operationId: string;
  /** `security: []`: no credential needed. */
  public: boolean;
  role?: string;
  scope?: string;
  permission?: string;
}

export function securityOf(spec: OpenApiDocument, operationId: string): OperationSecurity {
  const operation = findOperation(spec, operationId)?.definition;
  if (!operation) throw new Error(`operation ${operationId} is not in the spec`);
  const text = (name: string) => (typeof operation[name] === 'string' ? (operation[name] as string) : undefined);
  return {
    operationId,
    public: Array.isArray(operation.security) && operation.security.length === 0,
    role: text('x-required-role'),
    scope: text('x-required-scope'),
    permission: text('x-required-permission'),
  };
}
