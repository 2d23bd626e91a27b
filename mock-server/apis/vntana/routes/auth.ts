/** Login (password or personal access token), refresh tokens, logout and new personal access tokens. */
import express, { type Request, type Response, type Router } from 'express';
import type { components } from '../../../../specs/generated/vntana.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { verifyPassword } from '../../../core/passwords.ts';
import { matchesDigest, randomToken, sha256 } from '../../../core/secrets.ts';
import { sendNewToken, validBody, type VntanaContext } from '../context.ts';
import { VNTANA_ERRORS } from '../errors.ts';
import { VNTANA_VARIANTS } from '../variants.ts';
import { authenticateOperation, callerOf } from '../guards.ts';
import { findUserByEmail } from '../state.ts';

type Schemas = components['schemas'];

export function authRoutes(context: VntanaContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '16kb' });
  const badCredentials = () =>
    httpError(context.variants.on(VNTANA_VARIANTS.loginFailure403.id) ? VNTANA_ERRORS.badCredentials403 : VNTANA_ERRORS.badCredentials);
  const otherStatuses = () => context.variants.on(VNTANA_VARIANTS.invalidClientUuid400.id);

  router.post('/v1/auth/login', json, async (req, res) => {
    const { email, password } = validBody<Schemas['LoginRequest']>(context, 'LoginRequest', req.body);
    const user = findUserByEmail(context.state, email);
    const passwordMatches = await verifyPassword(password, user?.passwordHash);
    if (!user || !passwordMatches) throw badCredentials();
    await sendNewToken(context, res, user, { kind: 'login' });
  });

  router.post('/v1/auth/login/token', json, async (req, res) => {
    const body = validBody<Schemas['TokenLoginRequest']>(context, 'TokenLoginRequest', req.body);
    const presented = body['personal-access-token'];
    const user = context.state.users.find((candidate) => matchesDigest(presented, candidate.patDigest));
    if (!user) throw badCredentials();
    await sendNewToken(context, res, user, { kind: 'login' });
  });

  // POST as documented; GET because one vendor client sends it so. Header names arrive lower-cased.
  const refresh = async (req: Request, res: Response) => {
    const { user } = callerOf(res);
    const organizationUuid = req.get('organizationuuid')?.trim() || undefined;
    const clientUuid = req.get('clientuuid')?.trim() || undefined;
    if (!organizationUuid && !clientUuid) throw httpError(VNTANA_ERRORS.missingOrganizationUuid);
    if (clientUuid) {
      const workspace = context.state.workspaces.get(clientUuid);
      if (!workspace || (organizationUuid && organizationUuid !== workspace.organizationUuid)) {
        throw httpError(otherStatuses() ? VNTANA_ERRORS.invalidClientUuid400 : VNTANA_ERRORS.invalidClientUuid);
      }
      const organizationRole = user.organizationRoles[workspace.organizationUuid];
      if (!organizationRole) throw httpError(VNTANA_ERRORS.forbidden);
      const refusal = context.seams.workspaceTokenRefusal(context, user, workspace.id, organizationRole);
      if (refusal) throw httpError(refusal);
      await sendNewToken(context, res, user, { kind: 'workspace', organizationUuid: workspace.organizationUuid, clientUuid: workspace.id });
      return;
    }
    const organization = organizationUuid ? context.state.organizations.get(organizationUuid) : undefined;
    if (!organization || !user.organizationRoles[organization.id]) throw httpError(VNTANA_ERRORS.forbidden);
    await sendNewToken(context, res, user, { kind: 'organization', organizationUuid: organization.id });
  };
  router.post('/v1/auth/refresh-token', authenticateOperation(context, 'refreshToken'), refresh);
  router.get('/v1/auth/refresh-token', authenticateOperation(context, 'refreshTokenByGet'), refresh);

  router.post('/v1/auth/logout', authenticateOperation(context, 'logout'), (_req, res) => {
    const { session } = callerOf(res);
    context.seams.endSession(context, session);
    const response = context.variants.on(VNTANA_VARIANTS.errorsWithNullResponse.id) ? null : {};
    const body: Schemas['EmptySuccess'] = { success: true, errors: [], response };
    res.json(body);
  });

  router.post('/v1/auth/personal-access-token', authenticateOperation(context, 'createPersonalAccessToken'), (_req, res) => {
    const { user } = callerOf(res);
    const personalAccessToken = `vntpat_${randomToken(24)}`;
    context.state.users.update(user.id, { patDigest: sha256(personalAccessToken) });
    const body: Schemas['PersonalAccessTokenCreated'] = { success: true, errors: [], response: { personalAccessToken } };
    res.set('Cache-Control', 'no-store').json(body);
  });

  return router;
}
