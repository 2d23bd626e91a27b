import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The MACHHUB target, its seeded accounts and the helpers its rules share. */
import { beforeAll } from 'vitest';
import type { components } from '../../specs/generated/machhub.d.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer, type HttpResponse, type SendOptions } from '../harness/http.ts';

export type Schemas = components['schemas'];
export type MachhubRole = 'admin' | 'operator' | 'nogrants';

/** The seeded users of DESIGN.md; `MACHHUB_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.machhub;

export const machhub = conformanceSuite('machhub', 'MACHHUB', SEEDED_ACCOUNTS);
export const { rule, spec, http } = machhub;

export const LOGIN_PATHS = ['/auth/login', '/machhub/auth/login'] as const;
export const SCOPES = ['nil', 'self', 'domain', 'all'] as const;
export const FEATURES = ['applications', 'users', 'groups', 'api_keys', 'collections', 'flows', 'dashboard'] as const;

export function startFromSeed(): void {
  beforeAll(async () => {
    await (await machhub.findControlPlane())?.reset();
  });
}

export function loginJson(username: string, password: string, path: string = LOGIN_PATHS[0]) {
  return http.post(path, { json: { username, password } });
}

let seededNoGrantUsers = 0;

/** A user in no group: from MACHHUB_NOGRANTS_USERNAME/_PASSWORD, or seeded on the mock. */
async function noGrantsAccount(t: RuleContext): Promise<{ username: string; password: string }> {
  const configured = machhub.target.account('nogrants');
  if (configured?.configured) return configured;
  const control = await t.controlPlane('seeds a user in no group: set MACHHUB_NOGRANTS_USERNAME and _PASSWORD instead');
  const account = { username: `nogrants-${process.pid}-${++seededNoGrantUsers}`, password: 'nogrants-pass-1' };
  await control.seedUser({ ...account, groups: [] });
  return account;
}

/** A token of the role: the JWT from `tkn`. */
export async function tokenOf(t: RuleContext, role: MachhubRole): Promise<string> {
  if (role === 'nogrants') {
    const account = await noGrantsAccount(t);
    const response = await loginJson(account.username, account.password);
    expectStatus(response, 200);
    return response.json<{ tkn: string }>().tkn;
  }
  const response = await t.signIn(role, (account) => loginJson(account.username, account.password));
  return response.json<{ tkn: string }>().tkn;
}

export async function getAs(t: RuleContext, role: MachhubRole, path: string, options: SendOptions = {}): Promise<HttpResponse> {
  return http.get(path, { ...options, headers: { ...options.headers, ...bearer(await tokenOf(t, role)) } });
}

export async function actionsOf(t: RuleContext, role: MachhubRole, feature: string, scope: string, prefix = '/auth'): Promise<string[]> {
  const response = await getAs(t, role, `${prefix}/permission/action/feature/${feature}/scope/${scope}`);
  expectStatus(response, 200);
  spec.expectMatches(prefix === '/auth' ? 'getPermittedActions' : 'getPermittedActionsDataPlane', response);
  return response.json<{ actions: string[] }>().actions;
}

/** A fresh API key made by the admin. */
export async function generateKey(t: RuleContext, body: Schemas['ApiKeyCreate']): Promise<Schemas['ApiKeyCreated']> {
  await t.requireMutation();
  const response = await http.post('/api/api-key/generate', { headers: bearer(await tokenOf(t, 'admin')), json: body });
  expectStatus(response, 201);
  spec.expectMatches('generateApiKey', response);
  return response.json<Schemas['ApiKeyCreated']>();
}

export const apiKeyHeader = (key: string) => ({ 'x-machhub-api-key': key });
