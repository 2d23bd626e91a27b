/** Login, the role-test endpoints and the password reset flow. */
import express, { type Request, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../../specs/generated/vinmake.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { issueMailedToken } from '../../../core/mailed-tokens.ts';
import { hashPassword } from '../../../core/passwords.ts';
import { validBody, type VinmakeContext } from '../context.ts';
import { VINMAKE_ERRORS } from '../errors.ts';
import { VINMAKE_VARIANTS } from '../variants.ts';
import { authenticate, authorizeOperation, principalOf } from '../guards.ts';
import { ROLES } from '../roles.ts';
import { findUserByEmail, type UserRecord } from '../state.ts';
import type { ACCESS_TOKEN_LIFETIME_SECONDS } from '../token-policy.ts';

type Schemas = components['schemas'];

const RESET_TOKEN_LIFETIME_SECONDS = 3600;
const RESET_REQUEST_ANSWER: Schemas['Message'] = {
  message: 'If an account exists for this e-mail, a password reset link has been sent.',
};

function toUser(user: UserRecord): Schemas['User'] {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
  };
}

/** Where links in mail point: the origin the caller reached this server at. */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

export function authRoutes(context: VinmakeContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const json = express.json({ limit: '16kb' });

  // OAuth2 password flow: only a form body is read; a JSON body leaves the fields missing (422).
  const jsonLogin: express.RequestHandler = (req, res, next) => (context.variants.on(VINMAKE_VARIANTS.jsonLogin.id) ? json(req, res, next) : next());
  router.post('/auth/login', form, jsonLogin, async (req, res) => {
    const { username, password } = validBody<Schemas['LoginForm']>(context, 'LoginForm', req.body);
    const user = await context.seams.checkPassword(context, username, password);
    const { token, iat, exp } = await context.issuer.issue({
      sub: user.id,
      email: user.email,
      role: user.role,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      is_anonymous: false,
      session_id: randomUUID(),
    });
    const body: Schemas['LoginResponse'] = {
      access_token: token,
      token_type: 'bearer',
      // The spec fixes the lifetime; the issuer derives exp from the same constant.
      expires_in: (exp - iat) as typeof ACCESS_TOKEN_LIFETIME_SECONDS,
      user: toUser(user),
    };
    res.set('Cache-Control', 'no-store').json(context.seams.answerLogin(body));
  });

  for (const requiredRole of ROLES) {
    const operationId = `test${requiredRole[0]?.toUpperCase()}${requiredRole.slice(1)}Role`;
    router.get(`/auth/test/${requiredRole}`, authenticate(context), authorizeOperation(context, operationId), (_req, res) => {
      const principal = principalOf(res);
      if (principal.kind !== 'user') throw httpError(VINMAKE_ERRORS.insufficientPermissions);
      if (context.variants.on(VINMAKE_VARIANTS.bareRoleCheck.id)) {
        res.json({ ok: true });
        return;
      }
      const body: Schemas['RoleCheck'] = {
        message: 'Access granted',
        required_role: requiredRole,
        role: principal.user.role,
        email: principal.user.email,
      };
      res.json(body);
    });
  }

  router.post('/api/v1/auth/reset-password-request', json, (req, res) => {
    const { email } = validBody<Schemas['PasswordResetRequest']>(context, 'PasswordResetRequest', req.body);
    const user = findUserByEmail(context.state, email);
    if (user) {
      const token = issueMailedToken(context.state.resetTokens, context.clock, user.id, RESET_TOKEN_LIFETIME_SECONDS);
      const link = `${originOf(req)}/auth/reset-password?token=${encodeURIComponent(token)}`;
      context.outbox.send({
        to: user.email,
        subject: 'Reset your VinMake password',
        text: `Someone asked to reset the password of ${user.email}.\nFollow this link within one hour to choose a new one:\n${link}\nIf it was not you, ignore this e-mail.`,
      });
    }
    res.json(RESET_REQUEST_ANSWER);
  });

  router.get('/auth/reset-password', (req, res) => {
    res.type('html').send(resetPage(typeof req.query.token === 'string' ? req.query.token : ''));
  });

  router.post('/auth/reset-password', form, json, async (req, res) => {
    const { token, password } = validBody<Schemas['PasswordResetCompletion']>(context, 'PasswordResetCompletion', req.body);
    const userId = context.seams.redeemResetToken(context, token);
    const user = userId && context.state.users.get(userId);
    if (!user) throw httpError(VINMAKE_ERRORS.invalidResetToken);
    context.state.users.update(user.id, { passwordHash: await hashPassword(password) });
    const body: Schemas['Message'] = { message: 'Password updated.' };
    res.json(body);
  });

  return router;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function resetPage(token: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reset your VinMake password</title></head>
<body><h1>Choose a new password</h1>
<form method="post" action="/auth/reset-password">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label>New password <input type="password" name="password" minlength="8" required autocomplete="new-password"></label>
<button type="submit">Set password</button>
</form></body></html>`;
}
