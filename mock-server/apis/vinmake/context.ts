/** What every VinMake route needs: the current state and the shared services. */
import type { Clock } from '../../core/clock.ts';
import { httpError } from '../../core/http-error.ts';
import type { Issuer } from '../../core/issuer.ts';
import type { Outbox } from '../../core/outbox.ts';
import type { SpecValidator } from '../../core/validation.ts';
import type { VariantSwitches } from '../../core/variants.ts';
import { VINMAKE_ERRORS } from './errors.ts';
import type { VinmakeSeams } from './seams.ts';
import type { VinmakeState } from './state.ts';

export interface VinmakeContext {
  /** Replaced whole on reset; always read it through the context. */
  state: VinmakeState;
  clock: Clock;
  outbox: Outbox;
  issuer: Issuer;
  validator: SpecValidator;
  variants: VariantSwitches;
  /** What the routes call through, with the faults that are on wrapped around (faults.ts). */
  seams: VinmakeSeams;
}

/** Validates a body against a spec schema; a failure becomes FastAPI's 422. */
export function validBody<T>(context: VinmakeContext, schemaName: string, body: unknown): T {
  const issues = context.validator.body(schemaName, body ?? {});
  if (issues.length > 0) throw httpError(VINMAKE_ERRORS.validationFailed, issues);
  return body as T;
}

/** Page and limit of a list operation, coerced and range-checked by the spec. */
export function pageQuery(context: VinmakeContext, operationId: string, query: unknown): { page: number; limit: number } {
  const { values, issues } = context.validator.query(operationId, (query ?? {}) as Record<string, unknown>);
  if (issues.length > 0) throw httpError(VINMAKE_ERRORS.validationFailed, issues);
  return { page: values.page as number, limit: values.limit as number };
}
