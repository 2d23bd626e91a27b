/**
 * The functions of the MACHHUB mock that its faults may wrap (faults.ts). Routes, guards and the
 * error writer call through these and hold no fault checks themselves.
 */
import type { operations } from '../../../specs/generated/machhub.d.ts';
import { passwordCheck } from '../../core/password-check.ts';
import type { MachhubContext } from './context.ts';
import { MACHHUB_ERRORS, sendErrorText, type ErrorTextSender } from './errors.ts';
import { askerOf, type Principal } from './guards.ts';
import { isAllowed, type Asker, type Scope } from './permissions.ts';
import { findUserByName, type UserRecord } from './state.ts';

type LoginAnswer = operations['login']['responses']['200']['content']['application/json'];

export interface MachhubSeams {
  /** The password check: the account whose password this is, or an invalid login. */
  checkPassword(context: MachhubContext, username: string, password: string): Promise<UserRecord>;
  /** The login answer as it goes out. */
  answerLogin(body: LoginAnswer): Partial<LoginAnswer>;
  /** The caller as the permission model sees it. */
  askerOf(context: MachhubContext, principal: Principal): Asker;
  /** The permission guard of an operation (x-required-permission). */
  operationPermitted(asker: Asker, feature: string, action: string, scope: Scope): boolean;
  /** The API-key guard's reading of X-Machhub-Api-Key. */
  presentedApiKey(given: string): string;
  /** The key store: removes a key by its lookup id; false when there was none. */
  deleteApiKey(context: MachhubContext, lookupId: string): boolean;
  /** The actions a permission question answers, as they go out. */
  answerPermission(actions: string[]): string[];
  sendErrorText: ErrorTextSender;
}

export const MACHHUB_SEAMS: MachhubSeams = {
  checkPassword: passwordCheck((context: MachhubContext, username) => findUserByName(context.state, username), MACHHUB_ERRORS.invalidLogin),
  answerLogin: (body) => body,
  askerOf,
  operationPermitted: isAllowed,
  presentedApiKey: (given) => given,
  deleteApiKey: (context, lookupId) => context.state.apiKeys.delete(lookupId),
  answerPermission: (actions) => actions,
  sendErrorText,
};
