/** What every MACHHUB route needs: the current state and the shared services. */
import type { Clock } from '../../core/clock.ts';
import type { MachhubSeams } from './seams.ts';
import { httpError } from '../../core/http-error.ts';
import type { Issuer } from '../../core/issuer.ts';
import type { Outbox } from '../../core/outbox.ts';
import type { SpecValidator } from '../../core/validation.ts';
import type { VariantSwitches } from '../../core/variants.ts';
import { MACHHUB_ERRORS } from './errors.ts';
import { MACHHUB_VARIANTS } from './variants.ts';
import type { MachhubState } from './state.ts';

export interface MachhubContext {
  /** Replaced whole on reset; always read it through the context. */
  state: MachhubState;
  clock: Clock;
  outbox: Outbox;
  issuer: Issuer;
  validator: SpecValidator;
  /** What the routes call through, with the faults that are on wrapped around (faults.ts). */
  seams: MachhubSeams;
  variants: VariantSwitches;
}

/** 201 for a creation, or 200 in the created-200 variant. */
export function createdStatus(context: MachhubContext): number {
  return context.variants.on(MACHHUB_VARIANTS.created200.id) ? 200 : 201;
}

/** Validates a body against a spec schema; a failure becomes a plain-text 400. */
export function validBody<T>(context: MachhubContext, schemaName: string, body: unknown): T {
  const issues = context.validator.body(schemaName, body);
  if (issues.length > 0) throw httpError(MACHHUB_ERRORS.badRequest, issues);
  return body as T;
}
