import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { StatePersistence } from '../../mock-server/core/persistence.ts';
import { findMockApi, startMock } from '../../mock-server/registry.ts';

async function call(url: string, method: string, body?: unknown, token?: string) {
  const response = await request(url, {
    method: method as 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.statusCode, json: (await response.body.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

/** Starts an API's mock on a state file, runs `step`, stops it with a final save. */
async function withMock<T>(api: string, path: string, step: (url: string) => Promise<T>): Promise<T> {
  const persistence = StatePersistence.open(path);
  const mock = await startMock(findMockApi(api)!, { port: 0, logLevel: 'silent', persistence, env: {} });
  try {
    return await step(mock.url);
  } finally {
    await mock.close();
    persistence.saveNow();
  }
}

describe('a mock restarted on its state file', () => {
  it('keeps registered users and the tokens it issued (enclaive, HS256)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'restart-')), 'state.json');
    const userToken = await withMock('enclaive', path, async (url) => {
      const registered = await call(`${url}/api/register`, 'POST', { email: 'kept@example.test', password: 'Kept-pass-1', name: 'Kept' });
      expect(registered.status).toBe(201);
      return String(registered.json?.userToken);
    });
    await withMock('enclaive', path, async (url) => {
      expect((await call(`${url}/api/login`, 'POST', { email: 'kept@example.test', password: 'Kept-pass-1' })).status).toBe(201);
      // Unverified, so 403 rather than 401: the token itself is still accepted.
      expect((await call(`${url}/api/teams/current`, 'GET', undefined, userToken)).status).toBe(403);
      expect((await call(`${url}/api/teams/current`, 'GET', undefined, `${userToken.slice(0, -2)}xx`)).status).toBe(401);
    });
  });

  it('keeps its signing key, so tokens and the JWKS stay the same (MACHHUB, EdDSA)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'restart-')), 'state.json');
    const before = await withMock('machhub', path, async (url) => {
      const login = await call(`${url}/auth/login`, 'POST', { username: 'admin', password: 'admin' });
      return { token: String(login.json?.tkn), jwks: (await call(`${url}/.well-known/jwks.json`, 'GET')).json };
    });
    await withMock('machhub', path, async (url) => {
      expect((await call(`${url}/.well-known/jwks.json`, 'GET')).json).toEqual(before.jwks);
      expect((await call(`${url}/machhub/auth/me`, 'GET', undefined, before.token)).status).toBe(200);
    });
  });

  it('starts from the seed without a state file', async () => {
    const mock = await startMock(findMockApi('enclaive')!, { port: 0, logLevel: 'silent' });
    try {
      expect((await call(`${mock.url}/api/login`, 'POST', { email: 'kept@example.test', password: 'Kept-pass-1' })).status).toBe(401);
    } finally {
      await mock.close();
    }
  });
});
