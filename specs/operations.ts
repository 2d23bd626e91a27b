/** The operations of a spec, listed once for every layer: method, path, id, whether a credential is needed. */
import type { OpenApiDocument } from './apis.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface SpecOperation {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  path: string;
  /** Needs a credential: a non-empty security requirement (its own, else the spec's) without a `{}` alternative. */
  secured: boolean;
  /** The operation object itself, for its responses, parameters and x- facts. */
  definition: Record<string, unknown>;
  /** Its path item, for parameters shared by the path's operations. */
  pathItem: Record<string, unknown>;
}

export function operationsOf(spec: OpenApiDocument): SpecOperation[] {
  const globalSecurity = (spec.security as object[] | undefined) ?? [];
  return Object.entries(spec.paths).flatMap(([path, pathItem]) =>
    HTTP_METHODS.filter((method) => pathItem[method]).map((method) => {
      const definition = pathItem[method] as Record<string, unknown>;
      const requirements = (definition.security as object[] | undefined) ?? globalSecurity;
      // A `{}` among the requirements makes the credential optional.
      const secured = requirements.length > 0 && !requirements.some((requirement) => Object.keys(requirement).length === 0);
      return { operationId: String(definition.operationId ?? `${method} ${path}`), method, path, secured, definition, pathItem };
    }),
  );
}

export function findOperation(spec: OpenApiDocument, operationId: string): SpecOperation | undefined {
  return operationsOf(spec).find((operation) => operation.operationId === operationId);
}
