import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The VinMake target, its seeded accounts and the helpers its rules share. */
import { beforeAll } from 'vitest';
import type { components } from '../../specs/generated/vinmake.d.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { bearer, type HttpResponse } from '../harness/http.ts';

export type Schemas = components['schemas'];
export type VinmakeRole = 'admin' | 'staff' | 'client' | 'client2';

/** The seeded users of DESIGN.md; `VINMAKE_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.vinmake;

/** The VinMake role each account holds. */
export const ROLE_OF: Record<VinmakeRole, Schemas['Role']> = { admin: 'admin', staff: 'staff', client: 'client', client2: 'client' };

export const vinmake = conformanceSuite('vinmake', 'VINMAKE', SEEDED_ACCOUNTS);
export const { rule, spec } = vinmake;

/** Every file starts from the seed when the target is a mock. */
export function startFromSeed(): void {
  beforeAll(async () => {
    await (await vinmake.findControlPlane())?.reset();
  });
}

export function loginForm(username: string, password: string) {
  return vinmake.http.post('/auth/login', { form: { username, password } });
}

/** Logs in as a role through the login form. */
export async function login(t: RuleContext, role: VinmakeRole): Promise<Schemas['LoginResponse']> {
  const response = await t.signIn(role, (account) => loginForm(account.username, account.password));
  return response.json<Schemas['LoginResponse']>();
}

export async function tokenOf(t: RuleContext, role: VinmakeRole): Promise<string> {
  return (await login(t, role)).access_token;
}

export async function getAs(t: RuleContext, role: VinmakeRole, path: string): Promise<HttpResponse> {
  return vinmake.http.get(path, { headers: bearer(await tokenOf(t, role)) });
}
