/** The account's life: register, verify, resend, login, refresh, forgot and reset password, exist-email. */
import express, { type RequestHandler, type Router } from 'express';
import type { components } from '../../../../specs/generated/enclaive.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { issueMailedToken } from '../../../core/mailed-tokens.ts';
import { hashPassword, verifyPassword } from '../../../core/passwords.ts';
import { createdStatus, originOf, validBody, type EnclaiveContext } from '../context.ts';
import { ENCLAIVE_ERRORS } from '../errors.ts';
import { ENCLAIVE_VARIANTS } from '../variants.ts';
import { createDefaultTeam } from '../teams.ts';
import { findUserByEmail, normalizeEmail, objectId } from '../state.ts';
import { authenticate, authenticateOperation, callerOf, issueTokens } from '../tokens.ts';

type Schemas = components['schemas'];

const VERIFICATION_LIFETIME_SECONDS = 24 * 3600;
const RESET_LIFETIME_SECONDS = 3600;
const STATUS_OK: Schemas['StatusOk'] = { status: 'ok' };

export function accountRoutes(context: EnclaiveContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '16kb' });

  const sendVerificationMail = (origin: string, user: { id: string; email: string; name: string }) => {
    const tokens = context.state.verificationTokens;
    // Variant: earlier links stay valid after a resend (the document is silent on them).
    const keep = context.variants.on(ENCLAIVE_VARIANTS.resendKeepsOldLinks.id)
      ? tokens.filter((record) => record.userId === user.id && record.usedAt === null).map((record) => record.id)
      : [];
    const token = issueMailedToken(tokens, context.clock, user.id, VERIFICATION_LIFETIME_SECONDS);
    for (const id of keep) tokens.update(id, { usedAt: null });
    context.outbox.send({
      to: user.email,
      subject: 'Confirm your enclaive e-mail address',
      text: `Hello ${user.name},\nconfirm your e-mail address within 24 hours:\n${origin}/api/verify-email/${token}\n`,
    });
  };

  // The document marks Authorization required on forgot/reset-passsword; by default the mock does not need it.
  const recoveryGuard: RequestHandler = context.variants.on(ENCLAIVE_VARIANTS.bearerOnRecovery.id)
    ? authenticate(context)
    : (_req, _res, next) => next();

  router.post('/api/register', json, async (req, res) => {
    const input = validBody<Schemas['RegisterRequest']>(context, 'RegisterRequest', req.body);
    const email = normalizeEmail(input.email);
    // Reserve the address before the slow hash, so a second registration racing this one is refused.
    const release = await context.seams.reserveEmail(context, email);
    try {
      const user = context.state.users.insert({
        id: objectId(),
        email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        verified: false,
        tokenVersion: 0,
        currentTeamId: null,
        createdAt: context.clock.now().toISOString(),
      });
      const registered = context.seams.registered(context, user);
      sendVerificationMail(originOf(req), registered);
      res.status(createdStatus(context)).json(await issueTokens(context, registered));
    } finally {
      release();
    }
  });

  router.get('/api/verify-email/:token', async (req, res) => {
    const userId = context.seams.redeemVerificationToken(context, String(req.params.token));
    const user = userId && context.state.users.get(userId);
    if (!user) throw httpError(ENCLAIVE_ERRORS.invalidVerificationToken);
    const verified = user.verified ? user : createDefaultTeam(context, user);
    res.json(await issueTokens(context, verified));
  });

  router.get('/api/resend-email-verification', authenticateOperation(context, 'resendEmailVerification'), async (req, res) => {
    if (typeof req.query.capcha !== 'string' || req.query.capcha.trim() === '') throw httpError(ENCLAIVE_ERRORS.missingCapcha);
    const { user } = callerOf(res);
    if (user.verified) throw httpError(ENCLAIVE_ERRORS.alreadyVerified);
    sendVerificationMail(originOf(req), user);
    res.json(await issueTokens(context, user));
  });

  router.post('/api/login', json, async (req, res) => {
    const { email, password } = validBody<Schemas['LoginRequest']>(context, 'LoginRequest', req.body);
    const user = findUserByEmail(context.state, email);
    const passwordMatches = await verifyPassword(password, user?.passwordHash);
    if (!user || !passwordMatches) throw httpError(ENCLAIVE_ERRORS.invalidLogin);
    res.status(201).json(context.seams.answerLogin(await issueTokens(context, user)));
  });

  // Rotation: the presented userToken is retired as the fresh pair is issued.
  router.get('/api/refresh', authenticateOperation(context, 'refresh'), async (_req, res) => {
    const { user, tokenId, tokenExpiresAt } = callerOf(res);
    context.seams.retireToken(context, tokenId, tokenExpiresAt);
    res.json(await issueTokens(context, user));
  });

  router.post('/api/forgot-passsword', recoveryGuard, json, (req, res) => {
    const { email } = validBody<Schemas['ForgotPasswordRequest']>(context, 'ForgotPasswordRequest', req.body);
    const user = context.seams.accountToRecover(context, email);
    if (user) {
      const token = issueMailedToken(context.state.resetTokens, context.clock, user.id, RESET_LIFETIME_SECONDS);
      context.outbox.send({
        to: user.email,
        subject: 'Reset your enclaive password',
        text: `Hello ${user.name},\nset a new password within one hour:\n${originOf(req)}/reset-password?token=${token}\nIf you did not ask for this, ignore this mail.\n`,
      });
    }
    // The same answer either way: this endpoint must not tell which e-mails have accounts.
    res.status(createdStatus(context)).json(STATUS_OK);
  });

  router.post('/api/reset-passsword', recoveryGuard, json, async (req, res) => {
    const { token, newPassword } = validBody<Schemas['ResetPasswordRequest']>(context, 'ResetPasswordRequest', req.body);
    const userId = context.seams.redeemResetToken(context, token);
    const user = userId && context.state.users.get(userId);
    if (!user) throw httpError(ENCLAIVE_ERRORS.invalidResetToken);
    context.state.users.update(user.id, { passwordHash: await hashPassword(newPassword) });
    context.seams.endTokensOf(context, user.id);
    res.status(createdStatus(context)).json(STATUS_OK);
  });

  router.get('/api/exist-email/:email', (req, res) => {
    res.json(findUserByEmail(context.state, String(req.params.email)) !== undefined);
  });

  return router;
}
