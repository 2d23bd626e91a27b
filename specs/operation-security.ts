/**
 * The security facts of an operation, read from the spec that documents them: whether it is public,
 * the role it needs (`x-required-role`), the API-key scope that stands in for the role
 * (`x-required-scope`), the permission it asks (`x-required-permission`), the kinds of token it
 * accepts (`x-accepted-tokens`), whether the account must have confirmed its e-mail
 * (`x-requires-verified-email`). Guards are built from
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
  /** The kinds of token the operation accepts; every kind when absent. */
  tokens?: string[];
  /** Only an account that confirmed its e-mail address may call it. */
  verifiedEmail: boolean;
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
    ...(Array.isArray(operation['x-accepted-tokens']) ? { tokens: (operation['x-accepted-tokens'] as unknown[]).map(String) } : {}),
    verifiedEmail: operation['x-requires-verified-email'] === true,
  };
}
