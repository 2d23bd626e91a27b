/**
 * The permission endpoints: what actions the caller holds on a feature within a scope, and single
 * checks. Always 200 for an authenticated caller; no access is `[]` or `false`, never 403.
 */
import express, { type Router } from 'express';
import { httpError } from '../../../core/http-error.ts';
import type { MachhubContext } from '../context.ts';
import { MACHHUB_ERRORS, badRequest } from '../errors.ts';
import { MACHHUB_FAULTS } from '../faults.ts';
import { askerOf, authenticate, principalOf } from '../guards.ts';
import { SCOPES, grantedActions, isScope, type Scope } from '../permissions.ts';


function scopeOf(value: unknown): Scope {
  if (!isScope(value)) throw badRequest(`scope must be one of ${SCOPES.join(', ')}`);
  return value;
}

export function permissionRoutes(context: MachhubContext): Router {
  const router = express.Router();
  const prefixes = ['/auth', '/machhub/auth'];

  router.get(
    prefixes.map((prefix) => `${prefix}/permission/action/feature/:feature/scope/:scope`),
    authenticate(context),
    (req, res) => {
      const actions = grantedActions(askerOf(context, principalOf(res)), String(req.params.feature), scopeOf(req.params.scope));
      if (actions.length === 0 && context.faults.on(MACHHUB_FAULTS.permissionForbiddenWhenEmpty.id)) throw httpError(MACHHUB_ERRORS.forbidden);
      res.json({ actions } satisfies { actions: string[] });
    },
  );

  // The SDK's older path carries no scope: the lowest scope asks "any grant of this feature?".
  router.get('/machhub/auth/permission/action/feature/:feature', authenticate(context), (req, res) => {
    const actions = grantedActions(askerOf(context, principalOf(res)), String(req.params.feature), 'nil');
    res.json({ actions } satisfies { actions: string[] });
  });

  router.get(
    prefixes.map((prefix) => `${prefix}/permission/check/feature/:feature/scope/:scope/action/:action`),
    authenticate(context),
    (req, res) => {
      const actions = grantedActions(askerOf(context, principalOf(res)), String(req.params.feature), scopeOf(req.params.scope));
      res.json({ permission: actions.includes(String(req.params.action)) } satisfies { permission: boolean });
    },
  );

  return router;
}
