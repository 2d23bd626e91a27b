import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The VinMake target, its seeded accounts and the helpers its rules share. */
import { beforeAll, expect } from 'vitest';
import type { components } from '../../specs/generated/vinmake.d.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import { fact } from '../harness/fixtures.ts';
import { bearer, type HttpResponse } from '../harness/http.ts';
import { decodeJwt, decodeProtectedHeader, signHs256 } from '../harness/jwt.ts';

export type Schemas = components['schemas'];
export type VinmakeRole = 'admin' | 'staff' | 'client' | 'client2';
type Json = Record<string, unknown>;

/** The seeded users (README); `VINMAKE_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.vinmake;

/** The VinMake role each account holds. */
export const ROLE_OF: Record<VinmakeRole, Schemas['Role']> = { admin: 'admin', staff: 'staff', client: 'client', client2: 'client' };

export const vinmake = conformanceSuite('vinmake', SEEDED_ACCOUNTS);
export const { rule, spec } = vinmake;

/** The document leaves the success status of a create open: 200 or 201. */
export const CREATED = [200, 201] as const;
/** The document leaves the success status of a delete or revoke open: 200 or 204. */
export const DONE = [200, 204] as const;

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

/** The status the document gives and, in a JSON body, its `detail` (extra members are allowed). */
export function expectDetail(response: HttpResponse, status: number, detail: string): void {
  expectStatus(response, status);
  expect(response.json<Json>()).toMatchObject({ detail });
}

/** The records of a list answer: the wider reference's `{data: [...]}`, or a bare array. */
export function itemsOf<T = Json>(response: HttpResponse): T[] {
  const body = response.json<unknown>();
  if (Array.isArray(body)) return body as T[];
  const data = (body as Json | null)?.data;
  if (!Array.isArray(data)) throw new Error(`${response.request}: the answer holds no list of records (neither an array nor {data: [...]})`);
  return data as T[];
}

/**
 * A record's id. The document names no id field (only the path `/api/v1/api-keys/{api_key_id}/revoke`),
 * so `id` and `<kind>_id`/`<kind>Id` are read; a record with none of them cannot be addressed.
 */
export function idOf(t: RuleContext, record: unknown, kind: 'client' | 'material' | 'api_key'): string {
  const node = (record ?? {}) as Json;
  const camel = kind.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
  for (const name of ['id', `${kind}_id`, `${camel}Id`]) {
    const value = node[name];
    if (typeof value === 'number') idsAreNumbers = true;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return t.skip('not-applicable', `the ${kind} record carries no id field this suite can read (id, ${kind}_id or ${camel}Id)`);
}

/** Whether the target's records carry numeric ids: a reference to one is then sent as a number. */
let idsAreNumbers = false;

/** An id read by idOf, as the target wants it back in a body (a number where its ids are numbers). */
export function idForBody(id: string): string | number {
  return idsAreNumbers && /^\d+$/.test(id) ? Number(id) : id;
}

const CLIENT_RECORDS = new Map<string, Promise<string>>();

/**
 * The client record a client user owns, found through the API: the one record its own client list
 * shows, cross-checked against staff's list (which must hold it). A profile may state it as the fact
 * `clientRecordOf.<role>`; then the list must agree.
 */
export async function ownClientId(t: RuleContext, role: 'client' | 'client2'): Promise<string> {
  const account = t.account(role);
  const key = `${role}:${account.username}`;
  let found = CLIENT_RECORDS.get(key);
  if (!found) {
    found = (async () => {
      const response = await getAs(t, role, '/api/v1/clients?limit=100');
      expectStatus(response, 200);
      const own = itemsOf(response);
      if (own.length !== 1) throw new Error(`the ${role} user lists ${own.length} client records; a client user sees only its own`);
      const id = idOf(t, own[0], 'client');
      const stated = fact(t.facts, `clientRecordOf.${role}`);
      if (stated !== undefined) expect(String(stated), `the fact clientRecordOf.${role} names another record than the ${role} user's list`).toBe(id);
      return id;
    })();
    CLIENT_RECORDS.set(key, found);
    found.catch(() => CLIENT_RECORDS.delete(key));
  }
  return found;
}

/** The second client user's record, when it is another record than the first client user's; else a skip. */
export async function foreignClientId(t: RuleContext): Promise<string> {
  const own = await ownClientId(t, 'client');
  const other = await ownClientId(t, 'client2');
  if (other === own) t.skip('needs-fixture', 'VINMAKE_CLIENT2_* must be a user of another client record than VINMAKE_CLIENT_*');
  return other;
}

const LINK_CANDIDATES = ['clientId', 'client_id', 'client'];
let linkField: Promise<string | undefined> | undefined;

/** The member of a material whose value is an id of a client record. */
function linkIn(material: Json, clientId: string): string | undefined {
  // Ids may be numbers or strings: 101 and "101" name the same record.
  const names = (value: unknown) => (typeof value === 'string' || typeof value === 'number') && String(value) === clientId;
  for (const [name, value] of Object.entries(material)) {
    if (names(value)) return name;
    if (value && typeof value === 'object' && names((value as Json).id)) return name;
  }
  return undefined;
}

/**
 * The name of the field that ties a material to its client record; the document names none. It is
 * the fact `materialClientField` if the profile states one; else the member that holds the client
 * user's own record id in every material it lists, which staff's copy of the same material must hold
 * too; else (when the rule may write) the candidate name that a material staff create echoes back.
 */
export async function materialLink(t: RuleContext): Promise<string> {
  const stated = fact(t.facts, 'materialClientField');
  if (typeof stated === 'string') return stated;
  linkField ??= (async () => {
    const own = await ownClientId(t, 'client');
    const seen = itemsOf<Json>(await getAs(t, 'client', '/api/v1/materials?limit=100'));
    for (const material of seen) {
      const name = linkIn(material, own);
      if (!name) continue;
      const staffCopy = await getAs(t, 'staff', `/api/v1/materials/${idOf(t, material, 'material')}`);
      if (staffCopy.status === 200 && linkIn(staffCopy.json<Json>(), own) === name) return name;
    }
    if (!(t.target.mutationAllowed || (await t.findControlPlane()))) return undefined;
    const headers = bearer(await tokenOf(t, 'staff'));
    // A numeric id may be wanted as a number or as text.
    const values: Array<string | number> = /^\d+$/.test(own) ? [own, Number(own)] : [own];
    for (const candidate of LINK_CANDIDATES) {
      for (const value of values) {
        const created = await vinmake.http.post('/api/v1/materials', { headers, json: { name: t.nameFor('link-probe'), type: 'fabric', unit: 'yards', [candidate]: value } });
        if (!(CREATED as readonly number[]).includes(created.status)) continue;
        const id = idOf(t, created.json(), 'material');
        const read = await vinmake.http.get(`/api/v1/materials/${id}`, { headers });
        await vinmake.http.delete(`/api/v1/materials/${id}`, { headers });
        if (linkIn(created.json<Json>(), own) === candidate && read.status === 200 && linkIn(read.json<Json>(), own) === candidate) return candidate;
      }
    }
    return undefined;
  })();
  const name = await linkField;
  if (name === undefined) {
    linkField = undefined;
    return t.skip('needs-fixture', 'cannot tell which material field names its client record: give the client user a material, allow mutation, or state the fact materialClientField');
  }
  return name;
}

/** The client record a material names, whatever the link field holds (an id or an object with one). */
export function linkedClient(material: Json, field: string): string | null {
  const value = material[field];
  if (value && typeof value === 'object') return String((value as Json).id);
  return value === null || value === undefined ? null : String(value);
}

/** Creates a material as staff (or another role) and removes it after the rule. */
export async function createMaterial(t: RuleContext, role: VinmakeRole, body: Json): Promise<HttpResponse> {
  const response = await vinmake.http.post('/api/v1/materials', { headers: bearer(await tokenOf(t, role)), json: body });
  if (response.status >= 200 && response.status < 300) {
    const id = idOf(t, response.json(), 'material');
    t.created(`material ${id}`, async () => vinmake.http.delete(`/api/v1/materials/${id}`, { headers: bearer(await tokenOf(t, 'admin')) }));
  }
  return response;
}

/** Creates a client record and removes it after the rule (as admin, who may delete). */
export async function createClient(t: RuleContext, role: VinmakeRole, body: Json): Promise<HttpResponse> {
  const response = await vinmake.http.post('/api/v1/clients', { headers: bearer(await tokenOf(t, role)), json: body });
  if (response.status >= 200 && response.status < 300) {
    const id = idOf(t, response.json(), 'client');
    t.created(`client ${id}`, async () => removeClient(t, id));
  }
  return response;
}

/** Deletes a client record as admin; a server that refuses while materials name it gets those deleted first. */
async function removeClient(t: RuleContext, id: string): Promise<void> {
  const headers = bearer(await tokenOf(t, 'admin'));
  const first = await vinmake.http.delete(`/api/v1/clients/${id}`, { headers });
  if (first.status < 400 || first.status === 404) return;
  const listed = await vinmake.http.get('/api/v1/materials?limit=100', { headers });
  if (listed.status !== 200) return;
  for (const material of itemsOf<Json>(listed)) {
    if (Object.keys(material).some((name) => linkedClient(material, name) === id)) {
      await vinmake.http.delete(`/api/v1/materials/${idOf(t, material, 'material')}`, { headers });
    }
  }
  await vinmake.http.delete(`/api/v1/clients/${id}`, { headers });
}

/** Creates an API key as admin (or another role) and revokes it after the rule: keys cannot be deleted. */
export async function createApiKey(t: RuleContext, body: Json, role: VinmakeRole = 'admin'): Promise<HttpResponse> {
  const response = await vinmake.http.post('/api/v1/api-keys', { headers: bearer(await tokenOf(t, role)), json: body });
  if (response.status >= 200 && response.status < 300) {
    const id = idOf(t, response.json(), 'api_key');
    t.created(`API key ${id}`, async () => vinmake.http.post(`/api/v1/api-keys/${id}/revoke`, { headers: bearer(await tokenOf(t, 'admin')) }));
  }
  return response;
}

/** A fresh key with these scopes, created by the admin and revoked after the rule. */
export async function keyWith(t: RuleContext, scopes: string[]): Promise<{ id: string; key: string }> {
  await t.requireMutation();
  const response = await createApiKey(t, { name: t.nameFor('conformance-key'), scopes });
  expectStatus(response, ...CREATED);
  const body = response.json<Record<string, unknown>>();
  if (typeof body.key !== 'string') throw new Error(`${response.request}: the created key's secret is not in \`key\``);
  return { id: idOf(t, body, 'api_key'), key: body.key };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A token of this role whose hour has run `age` seconds: on a mock, a fresh token and the server
 * clock moved on (the file resets the clock after each rule); elsewhere the token's own claims
 * re-signed with the operator's secret (VINMAKE_JWT_SECRET), issued `age` seconds ago and expiring
 * 3600 seconds after that.
 */
export async function agedToken(t: RuleContext, role: VinmakeRole, age: number): Promise<string> {
  const control = await t.findControlPlane();
  const token = await tokenOf(t, role);
  if (control) {
    await control.advanceClock(age);
    return token;
  }
  const secret = t.jwtSecret();
  if (decodeProtectedHeader(token).alg !== 'HS256') t.skip('needs-control-plane', 'the target signs with an asymmetric key, so an aged token can only come from a server clock moved on');
  const issued = nowSeconds() - age;
  return signHs256({ ...decodeJwt(token), iat: issued, exp: issued + 3600 }, secret);
}
