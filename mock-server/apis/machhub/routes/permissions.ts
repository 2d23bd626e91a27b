/**
 * The permission endpoints: what actions the caller holds on a feature within a scope, and single
 * checks. Always 200 for an authenticated caller; no access is `[]` or `false`, never 403.
 */
import express, { type Response, type Router } from 'express';
import type { MachhubContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import { MACHHUB_VARIANTS } from '../variants.ts';
import { authenticate, principalOf } from '../guards.ts';
import { SCOPES, grantedActions, isScope, type Scope } from '../permissions.ts';


function scopeOf(value: unknown): Scope {
  if (!isScope(value)) throw badRequest(`scope must be one of ${SCOPES.join(', ')}`);
  return value;
}

/** "The endpoint always returns 200 OK": a scope outside the four is a question nothing answers, []. */
function askedActions(context: MachhubContext, res: Response, feature: string, scope: string): string[] {
  return isScope(scope) ? grantedActions(context.seams.askerOf(context, principalOf(res)), feature, scope) : [];
}

export function permissionRoutes(context: MachhubContext): Router {
  const router = express.Router();
  const prefixes = ['/auth', '/machhub/auth'];
  const echo = context.variants.on(MACHHUB_VARIANTS.permissionEchoFields.id);

  router.get(
    prefixes.map((prefix) => `${prefix}/permission/action/feature/:feature/scope/:scope`),
    authenticate(context),
    (req, res) => {
      const feature = String(req.params.feature);
      const scope = String(req.params.scope);
      const actions = context.seams.answerPermission(askedActions(context, res, feature, scope));
      res.json(echo ? { actions, feature, scope } : ({ actions } satisfies { actions: string[] }));
    },
  );

  // The SDK's older path carries no scope: the lowest scope asks "any grant of this feature?".
  router.get('/machhub/auth/permission/action/feature/:feature', authenticate(context), (req, res) => {
    const feature = String(req.params.feature);
    const actions = grantedActions(context.seams.askerOf(context, principalOf(res)), feature, 'nil');
    res.json(echo ? { actions, feature } : ({ actions } satisfies { actions: string[] }));
  });

  router.get(
    prefixes.map((prefix) => `${prefix}/permission/check/feature/:feature/scope/:scope/action/:action`),
    authenticate(context),
    (req, res) => {
      const { feature, scope, action } = { feature: String(req.params.feature), scope: scopeOf(req.params.scope), action: String(req.params.action) };
      const permission = grantedActions(context.seams.askerOf(context, principalOf(res)), feature, scope).includes(action);
      res.json(echo ? { permission, feature, scope, action } : ({ permission } satisfies { permission: boolean }));
    },
  );

  return router;
}
