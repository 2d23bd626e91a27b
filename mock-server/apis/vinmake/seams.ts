/**
 * The functions of the VinMake mock that its faults may wrap (faults.ts). Routes, guards and the
 * error writer call through these and hold no fault checks themselves.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { components } from '../../../specs/generated/vinmake.d.ts';
import { redeemMailedToken } from '../../core/mailed-tokens.ts';
import { passwordCheck } from '../../core/password-check.ts';
import type { VinmakeContext } from './context.ts';
import { VINMAKE_ERRORS, vinmakeErrorWriter } from './errors.ts';
import { apiKeyUsable, confinedClientId, type Principal } from './guards.ts';
import { roleAtLeast, type Role } from './roles.ts';
import { findUserByEmail, type ApiKeyRecord, type UserRecord } from './state.ts';

type LoginResponse = components['schemas']['LoginResponse'];

export interface VinmakeSeams {
  /** The password check: the account whose password this is, or invalid credentials. */
  checkPassword(context: VinmakeContext, email: string, password: string): Promise<UserRecord>;
  /** The login answer as it goes out. */
  answerLogin(body: LoginResponse): Partial<LoginResponse>;
  /** The reset-token store: the user a live reset token belongs to, burning it. */
  redeemResetToken(context: VinmakeContext, token: string): string | undefined;
  /** The role guard: whether a user's role meets an operation's. */
  roleAllows(role: Role, required: Role): boolean;
  /** The data guard: the client record a principal is confined to, or null for all. */
  confinedClientId(principal: Principal): string | null;
  /** The API-key guard: whether a matched key is still in force. */
  apiKeyUsable(record: ApiKeyRecord, nowMs: number): boolean;
  writeError: ErrorRequestHandler;
}

export function vinmakeSeams(logger: Logger): VinmakeSeams {
  return {
    checkPassword: passwordCheck((context: VinmakeContext, email) => findUserByEmail(context.state, email), VINMAKE_ERRORS.invalidCredentials),
    answerLogin: (body) => body,
    redeemResetToken: (context, token) => redeemMailedToken(context.state.resetTokens, context.clock, token),
    roleAllows: roleAtLeast,
    confinedClientId,
    apiKeyUsable,
    writeError: vinmakeErrorWriter(logger),
  };
}
