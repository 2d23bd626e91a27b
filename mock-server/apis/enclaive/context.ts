/** What every enclaive route needs: the current state, the shared services and both token issuers. */
import type { Request } from 'express';
import type { Clock } from '../../core/clock.ts';
import { httpError } from '../../core/http-error.ts';
import type { Issuer } from '../../core/issuer.ts';
import type { Outbox } from '../../core/outbox.ts';
import type { SpecValidator } from '../../core/validation.ts';
import type { VariantSwitches } from '../../core/variants.ts';
import { ENCLAIVE_ERRORS } from './errors.ts';
import { ENCLAIVE_VARIANTS } from './variants.ts';
import type { EnclaiveSeams } from './seams.ts';
import type { EnclaiveState } from './state.ts';

export interface EnclaiveContext {
  /** Replaced whole on reset; always read it through the context. */
  state: EnclaiveState;
  clock: Clock;
  outbox: Outbox;
  /** Signs userTokens, the credential of this API. */
  userIssuer: Issuer;
  /** Signs vaultTokens, scoped to a team and meant for the vault. */
  vaultIssuer: Issuer;
  validator: SpecValidator;
  /** The choices the document leaves open, as the mock was started (variants.ts). */
  variants: VariantSwitches;
  /** E-mails whose registration is in flight, so two at once make one account. */
  registering: Set<string>;
  /** What the routes call through, with the faults that are on wrapped around (faults.ts). */
  seams: EnclaiveSeams;
}

export function validBody<T>(context: EnclaiveContext, schemaName: string, body: unknown): T {
  const issues = context.validator.body(schemaName, body);
  if (issues.length > 0) throw httpError(ENCLAIVE_ERRORS.validationFailed, issues);
  return body as T;
}

/** Where links in mail point: the origin the caller reached this server at. */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

/** The success status of a POST other than login: 201 as NestJS answers, or 200 in the posts-answer-200 variant. */
export function createdStatus(context: EnclaiveContext): number {
  return context.variants.on(ENCLAIVE_VARIANTS.postsAnswer200.id) ? 200 : 201;
}
