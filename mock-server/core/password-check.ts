/**
 * The password check of a login, as a seam: the account whose password this is, or the API's
 * refusal; and the fault that wraps it to give away which accounts exist.
 */
import { HttpError, httpError, type ErrorDefinition } from './http-error.ts';
import { verifyPassword } from './passwords.ts';

export type PasswordCheck<Context, Account> = (context: Context, login: string, password: string) => Promise<Account>;

/** Checks the password of the account `find` names; one scrypt either way, so an unknown login costs as much as a wrong password. */
export function passwordCheck<Context, Account extends { passwordHash: string }>(
  find: (context: Context, login: string) => Account | undefined,
  refusal: ErrorDefinition,
): PasswordCheck<Context, Account> {
  return async (context, login, password) => {
    const account = find(context, login);
    const passwordMatches = await verifyPassword(password, account?.passwordHash);
    if (!account || !passwordMatches) throw httpError(refusal);
    return account;
  };
}

/** The bug of a check whose refusal of an unknown account says so, where a correct server answers it as a wrong password. */
export function tellingUnknownAccounts<Context, Account>(
  check: PasswordCheck<Context, Account>,
  exists: (context: Context, login: string) => boolean,
  refusal: ErrorDefinition,
): PasswordCheck<Context, Account> {
  return async (context, login, password) => {
    try {
      return await check(context, login, password);
    } catch (error) {
      if (error instanceof HttpError && error.code === refusal.code && !exists(context, login)) throw httpError({ ...refusal, message: 'User not found' });
      throw error;
    }
  };
}
