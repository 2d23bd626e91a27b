/**
 * The functions of the enclaive mock that its faults may wrap (faults.ts). Routes and the token
 * guard call through these and hold no fault checks themselves.
 */
import type { components } from '../../../specs/generated/enclaive.d.ts';
import { httpError } from '../../core/http-error.ts';
import { redeemMailedToken } from '../../core/mailed-tokens.ts';
import type { EnclaiveContext } from './context.ts';
import { ENCLAIVE_ERRORS } from './errors.ts';
import { findUserByEmail, type UserRecord } from './state.ts';

type Tokens = components['schemas']['Tokens'];

/** Retired token ids kept at most (about 15 MB). */
const MAX_RETIRED_TOKENS = 100_000;

export interface EnclaiveSeams {
  /** The store's uniqueness of e-mail addresses: reserves one for a registration, or refuses it as taken. */
  reserveEmail(context: EnclaiveContext, email: string): Promise<() => void>;
  /** The account as registration hands it out, before its address is confirmed. */
  registered(context: EnclaiveContext, user: UserRecord): UserRecord;
  /** The verification-token store: the user a live link belongs to, burning it. */
  redeemVerificationToken(context: EnclaiveContext, token: string): string | undefined;
  /** The reset-token store: the user a live reset token belongs to, burning it. */
  redeemResetToken(context: EnclaiveContext, token: string): string | undefined;
  /** The account forgot-passsword mails, if any; the answer is the same either way. */
  accountToRecover(context: EnclaiveContext, email: string): UserRecord | undefined;
  /** The token store on a password reset: every token of the account issued before ends. */
  endTokensOf(context: EnclaiveContext, userId: string): void;
  /** The token store on refresh: the presented token is retired. */
  retireToken(context: EnclaiveContext, tokenId: string, expiresAt: number): void;
  /** The guard of teams and projects: whether the account may use them. */
  mayUseTeams(user: UserRecord): boolean;
  /** The login answer as it goes out. */
  answerLogin(tokens: Tokens): Partial<Tokens>;
}

export const ENCLAIVE_SEAMS: EnclaiveSeams = {
  async reserveEmail(context, email) {
    if (findUserByEmail(context.state, email) || context.registering.has(email)) throw httpError(ENCLAIVE_ERRORS.emailTaken);
    context.registering.add(email);
    return () => context.registering.delete(email);
  },
  registered: (_context, user) => user,
  redeemVerificationToken: (context, token) => redeemMailedToken(context.state.verificationTokens, context.clock, token),
  redeemResetToken: (context, token) => redeemMailedToken(context.state.resetTokens, context.clock, token),
  accountToRecover: (context, email) => findUserByEmail(context.state, email),
  // A new token version kills every token issued before.
  endTokensOf(context, userId) {
    const user = context.state.users.get(userId);
    if (user) context.state.users.update(userId, { tokenVersion: user.tokenVersion + 1 });
  },
  retireToken(context, tokenId, expiresAt) {
    // An expired token is refused anyway: its entry can go, so the list stays as short as the lifetime.
    const now = context.clock.nowSeconds();
    const retired = context.state.revokedTokens;
    // Ids are added as time goes by, so the expired ones are at the front.
    for (let oldest = retired.oldest(); oldest && oldest.expiresAt <= now; oldest = retired.oldest()) retired.deleteOldest();
    retired.insert({ id: tokenId, expiresAt });
    // A refresh storm within one token lifetime must not grow memory without end: past the cap the
    // oldest retired ids go (those tokens are the closest to expiring anyway).
    while (retired.size > MAX_RETIRED_TOKENS) retired.deleteOldest();
  },
  mayUseTeams: (user) => user.verified,
  answerLogin: (tokens) => tokens,
};
