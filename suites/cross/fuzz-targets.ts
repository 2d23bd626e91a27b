/**
 * How the negative-input rules call each API: the most privileged credential the suite has (so
 * validation, not authentication, answers), values for path and query parameters, and a call
 * that proves the server is still up.
 */
import type { RuleContext } from '../harness/conformance.ts';
import type { HttpResponse } from '../harness/http.ts';
import { enclaive, seededUserToken } from '../enclaive/suite.ts';
import { machhub, tokenOf as machhubToken } from '../machhub/suite.ts';
import { organizationToken, vntana, workspaces } from '../vntana/suite.ts';
import { tokenOf as vinmakeToken, vinmake } from '../vinmake/suite.ts';
import { API_NAMES, type ApiName } from '../../specs/apis.ts';
import { apiInRun } from './bearer-apis.ts';
import type { ConformanceSuite } from '../harness/conformance.ts';

export interface FuzzTarget {
  api: ApiName;
  suite: ConformanceSuite;
  /** Headers with a credential, and query strings some operations need to reach their body. */
  prepare(t: RuleContext): Promise<{ headers: Record<string, string>; query: Record<string, string> }>;
  alive(t: RuleContext): Promise<HttpResponse>;
  /**
   * Removes what a bad body created when the server took it anyway (a 2xx), so a run leaves nothing
   * behind; only where the API documents a way to remove it.
   */
  removeCreated?(t: RuleContext, operationId: string, response: HttpResponse): Promise<void>;
}

/** The id of a record an answer created, under the names APIs use for it. */
function createdId(response: HttpResponse): string | undefined {
  const body = (() => {
    try {
      return response.json<Record<string, unknown>>();
    } catch {
      return undefined;
    }
  })();
  for (const name of ['id', '_id', 'uuid']) {
    const value = body?.[name];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/** How the negative-input rules reach each API, keyed by the catalog's names. */
const FUZZ_TARGETS_BY_API = {
  vinmake: {
    api: 'vinmake',
    suite: vinmake,
    prepare: async (t) => ({ headers: { authorization: `Bearer ${await vinmakeToken(t, 'admin')}` }, query: {} }),
    alive: async (t) => vinmake.http.get('/auth/test/client', { headers: { authorization: `Bearer ${await vinmakeToken(t, 'client')}` } }),
    async removeCreated(t, operationId, response) {
      const id = createdId(response);
      const path = { createMaterial: '/api/v1/materials/', createClient: '/api/v1/clients/' }[operationId];
      const headers = { authorization: `Bearer ${await vinmakeToken(t, 'admin')}` };
      if (id && path) await vinmake.http.delete(`${path}${encodeURIComponent(id)}`, { headers });
      if (id && operationId === 'createApiKey') await vinmake.http.post(`/api/v1/api-keys/${encodeURIComponent(id)}/revoke`, { headers });
    },
  },
  machhub: {
    api: 'machhub',
    suite: machhub,
    prepare: async (t) => ({ headers: { authorization: `Bearer ${await machhubToken(t, 'admin')}` }, query: {} }),
    alive: async (t) => machhub.http.get('/machhub/auth/me', { headers: { authorization: `Bearer ${await machhubToken(t, 'operator')}` } }),
    async removeCreated(t, operationId, response) {
      const id = createdId(response);
      if (id && operationId === 'createProduct') {
        await machhub.http.delete(`/machhub/${id.includes(':') ? id : `products:${id}`}`, { headers: { authorization: `Bearer ${await machhubToken(t, 'admin')}` } });
      }
    },
  },
  vntana: {
    api: 'vntana',
    suite: vntana,
    async prepare(t) {
      const { token } = await organizationToken(t, 'owner');
      const [workspace] = await workspaces(token);
      return { headers: { 'x-auth-token': `Bearer ${token}` }, query: { searchProducts: `clientUuid=${workspace?.uuid ?? ''}` } };
    },
    alive: async (t) => vntana.http.get('/v1/organizations', { headers: { 'x-auth-token': `Bearer ${(await organizationToken(t, 'member')).token}` } }),
  },
  enclaive: {
    api: 'enclaive',
    suite: enclaive,
    prepare: async (t) => ({ headers: { authorization: `Bearer ${await seededUserToken(t)}` }, query: {} }),
    alive: async (t) => enclaive.http.get('/api/teams/current', { headers: { authorization: `Bearer ${await seededUserToken(t)}` } }),
  },
} satisfies Record<ApiName, FuzzTarget>;

const ALL_FUZZ_TARGETS: FuzzTarget[] = API_NAMES.map((name) => FUZZ_TARGETS_BY_API[name]);

/** The APIs this run covers. */
export const FUZZ_TARGETS: FuzzTarget[] = ALL_FUZZ_TARGETS.filter((target) => apiInRun(target.api));
