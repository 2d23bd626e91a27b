/**
 * The wrapper of a password check that gives away which accounts exist: a refusal of an unknown
 * account says so, where a correct server answers it exactly as a wrong password.
 */
import { HttpError, httpError, type ErrorDefinition } from './http-error.ts';

export function tellingUnknownAccounts<Context, Account>(
  check: (context: Context, login: string, password: string) => Promise<Account>,
  exists: (context: Context, login: string) => boolean,
  refusal: ErrorDefinition,
): (context: Context, login: string, password: string) => Promise<Account> {
  return async (context, login, password) => {
    try {
      return await check(context, login, password);
    } catch (error) {
      if (error instanceof HttpError && error.code === refusal.code && !exists(context, login)) throw httpError({ ...refusal, message: 'User not found' });
      throw error;
    }
  };
}
