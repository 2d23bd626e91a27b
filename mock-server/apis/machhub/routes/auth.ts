/** Login on both prefixes, the JWKS, the caller, and token validation. */
import express, { type Router } from 'express';
import type { components, operations } from '../../../../specs/generated/machhub.d.ts';
import { TokenRejected } from '../../../core/issuer.ts';
import { validBody, type MachhubContext } from '../context.ts';
import { authenticate, principalOf } from '../guards.ts';
import { groupsOf } from '../state.ts';
import { MACHHUB_VARIANTS } from '../variants.ts';

type Schemas = components['schemas'];
type LoginAnswer = operations['login']['responses']['200']['content']['application/json'];

/** A request without a Domain header acts in the admin application's domain. */
export const DEFAULT_DOMAIN = 'domains:machhub_admin';

export function authRoutes(context: MachhubContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '16kb' });

  // "/auth/login and /machhub/auth/login are the same handler mounted on two prefixes"
  router.post(['/auth/login', '/machhub/auth/login'], json, async (req, res) => {
    const { username, password } = validBody<Schemas['LoginRequest']>(context, 'LoginRequest', req.body);
    const user = await context.seams.checkPassword(context, username, password);
    const { token } = await context.issuer.issue({
      sub: user.id,
      user_id: user.id,
      username: user.username,
      groups: groupsOf(context.state, user.id).map((group) => group.name),
      domains: [DEFAULT_DOMAIN],
    });
    const body: LoginAnswer = { success: true, message: 'Login successful', tkn: token };
    res.set('Cache-Control', 'no-store').json(context.seams.answerLogin(body));
  });

  router.get('/.well-known/jwks.json', (_req, res) => {
    const body: Schemas['Jwks'] = context.issuer.jwks() as Schemas['Jwks'];
    res.json(body);
  });

  router.get('/machhub/auth/me', authenticate(context), (req, res) => {
    const { user, credential } = principalOf(res);
    const body: Schemas['Me'] = {
      id: user.id,
      username: user.username,
      groups: groupsOf(context.state, user.id).map((group) => group.name),
      domain: req.get('domain') || DEFAULT_DOMAIN,
      credential,
    };
    if (context.variants.on(MACHHUB_VARIANTS.meOtherFields.id)) {
      res.json({ user_id: user.id, username: user.username, group_names: body.groups, auth_method: credential });
      return;
    }
    res.json(body);
  });

  router.post('/machhub/auth/jwt/validate', json, async (req, res) => {
    const { token } = validBody<Schemas['JwtValidation']>(context, 'JwtValidation', req.body);
    let valid: boolean;
    try {
      const claims = await context.issuer.verify(token);
      valid = context.state.users.get(String(claims.sub)) !== undefined;
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      valid = false;
    }
    const body: Schemas['JwtValidity'] = { valid };
    res.json(body);
  });

  return router;
}
