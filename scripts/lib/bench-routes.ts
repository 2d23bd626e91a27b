/**
 * The calls the benchmark puts under load, per API, each sent identically to our mock and to
 * `prism mock` of the same spec. Our mock needs real credentials (a login first); Prism's mock
 * only checks that a credential is present, so it gets a placeholder.
 */
import { request } from 'undici';
import { API_NAMES, type ApiName } from '../../specs/apis.ts';

export type RouteKind = 'login' | 'authenticated read' | 'permission check' | 'refresh';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface BenchRoute {
  api: ApiName;
  kind: RouteKind;
  /** "GET /api/v1/materials". */
  label: string;
  /** Builds the request for a server at `baseUrl`; `real` is false for Prism's mock. */
  prepare(baseUrl: string, real: boolean): Promise<LoadRequest>;
}

const JSON_TYPE = { 'content-type': 'application/json' };

async function call(baseUrl: string, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) {
  const response = await request(new URL(path, baseUrl), { method, headers, body });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path} answered ${response.statusCode} while preparing the benchmark`);
  return { headers: response.headers, text };
}

const vinmakeLogin: LoadRequest = {
  method: 'POST',
  path: '/auth/login',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username: 'admin@vinmake.test', password: 'admin-pass-1' }).toString(),
};
const machhubLogin: LoadRequest = { method: 'POST', path: '/auth/login', headers: JSON_TYPE, body: JSON.stringify({ username: 'admin', password: 'admin' }) };
const vntanaLogin: LoadRequest = {
  method: 'POST',
  path: '/v1/auth/login',
  headers: JSON_TYPE,
  body: JSON.stringify({ email: 'owner@vntana.test', password: 'owner-pass-1' }),
};
const enclaiveLogin: LoadRequest = {
  method: 'POST',
  path: '/api/login',
  headers: JSON_TYPE,
  body: JSON.stringify({ email: 'user@enclaive.test', password: 'user-pass-1' }),
};

async function bearerOf(baseUrl: string, real: boolean, login: LoadRequest, pick: (text: string) => string): Promise<string> {
  if (!real) return 'placeholder';
  const { text } = await call(baseUrl, login.method, login.path, login.headers, login.body);
  return pick(text);
}

async function vntanaLoginToken(baseUrl: string, real: boolean): Promise<string> {
  if (!real) return 'placeholder';
  const { headers } = await call(baseUrl, vntanaLogin.method, vntanaLogin.path, vntanaLogin.headers, vntanaLogin.body);
  return String(headers['x-auth-token']).replace(/^Bearer /, '');
}

const fixed = (api: ApiName, kind: RouteKind, load: LoadRequest): BenchRoute => ({
  api,
  kind,
  label: `${load.method} ${load.path}`,
  prepare: async () => load,
});

/** A GET with `Authorization: Bearer` and the token field of a login's JSON answer. */
const bearerRead = (api: ApiName, kind: RouteKind, path: string, login: LoadRequest, tokenField: string, label = `GET ${path}`): BenchRoute => ({
  api,
  kind,
  label,
  async prepare(baseUrl, real) {
    const token = await bearerOf(baseUrl, real, login, (text) => (JSON.parse(text) as Record<string, string>)[tokenField] ?? '');
    return { method: 'GET', path, headers: { authorization: `Bearer ${token}` } };
  },
});

/** The calls each API's benchmark rows load, keyed by the catalog's names (login first). */
const BENCH_ROUTES_BY_API = {
  vinmake: [fixed('vinmake', 'login', vinmakeLogin), bearerRead('vinmake', 'authenticated read', '/auth/test/staff', vinmakeLogin, 'access_token')],
  machhub: [
    fixed('machhub', 'login', machhubLogin),
    bearerRead('machhub', 'authenticated read', '/machhub/auth/me', machhubLogin, 'tkn'),
    bearerRead('machhub', 'permission check', '/machhub/auth/permission/check/feature/products/scope/all/action/read', machhubLogin, 'tkn', 'GET /machhub/auth/permission/check/...'),
  ],
  vntana: [
    fixed('vntana', 'login', vntanaLogin),
    {
      api: 'vntana',
      kind: 'authenticated read',
      label: 'GET /v1/organizations',
      async prepare(baseUrl, real) {
        return { method: 'GET', path: '/v1/organizations', headers: { 'x-auth-token': `Bearer ${await vntanaLoginToken(baseUrl, real)}` } };
      },
    },
    {
      api: 'vntana',
      kind: 'refresh',
      label: 'POST /v1/auth/refresh-token',
      async prepare(baseUrl, real) {
        const token = await vntanaLoginToken(baseUrl, real);
        let organizationUuid = '00000000-0000-4000-8000-000000000000';
        if (real) {
          const { text } = await call(baseUrl, 'GET', '/v1/organizations', { 'x-auth-token': `Bearer ${token}` });
          organizationUuid = JSON.parse(text).response.grid[0].uuid;
        }
        return { method: 'POST', path: '/v1/auth/refresh-token', headers: { 'x-auth-token': `Bearer ${token}`, organizationUuid } };
      },
    },
  ],
  enclaive: [fixed('enclaive', 'login', enclaiveLogin), bearerRead('enclaive', 'authenticated read', '/api/teams/current', enclaiveLogin, 'userToken')],
} satisfies Record<ApiName, BenchRoute[]>;

export const BENCH_ROUTES: BenchRoute[] = API_NAMES.flatMap((name) => BENCH_ROUTES_BY_API[name]);
