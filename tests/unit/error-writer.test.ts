/**
 * No error leaves a mock in any shape but its API's own: echoed input is cut to a bounded copy, a
 * writer that throws is asked again for the API's internal error, and hostile bodies (nested 10,000
 * deep, 2 MB, prototype keys, NUL and lone surrogates) sent to every VinMake write operation get
 * FastAPI-shaped JSON without a stack trace, with the mock still answering afterwards.
 */
import express, { type ErrorRequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findMockApi, startMock, type StartedMock } from '../../mock-server/registry.ts';
import { boundedEcho, ECHO_LIMITS } from '../../mock-server/core/bounded-echo.ts';
import { guardedErrorWriter } from '../../mock-server/core/guarded-error-writer.ts';
import { HttpError } from '../../mock-server/core/http-error.ts';
import { NESTING_DEPTH, STACK_TRACE, negativeBodies, type JsonOperation } from '../../suites/harness/negative-bodies.ts';

const depthOf = (value: unknown): number => (value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0);

describe('the echo of a client\'s input', () => {
  test('is cut in depth, items and characters, and serialises whatever came in', () => {
    const nested = JSON.parse(`${'['.repeat(NESTING_DEPTH)}${']'.repeat(NESTING_DEPTH)}`);
    const echo = boundedEcho(nested);
    expect(depthOf(echo)).toBeLessThanOrEqual(ECHO_LIMITS.depth);
    expect(JSON.stringify(echo).length).toBeLessThan(100);
    expect(boundedEcho('x'.repeat(2_000_000))).toBe(`${'x'.repeat(ECHO_LIMITS.characters)}…`);
    expect(boundedEcho(Array.from({ length: 1000 }, (_, index) => index))).toHaveLength(ECHO_LIMITS.items + 1);
    expect(boundedEcho({ name: 'a', tags: ['b'], n: 1, ok: true, none: null })).toEqual({ name: 'a', tags: ['b'], n: 1, ok: true, none: null });
  });

  test('keeps a "__proto__" key a key, without touching any prototype', () => {
    const echo = boundedEcho(JSON.parse('{"__proto__": {"isAdmin": true}}')) as Record<string, unknown>;
    expect(Object.keys(echo)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('the guarded error writer', () => {
  const internal = { status: 500, code: 'internal', message: 'Internal Server Error' };
  const serve = async (writer: ErrorRequestHandler) => {
    const app = express();
    app.get('/teapot', () => {
      throw new HttpError(418, 'teapot', 'I am a teapot');
    });
    app.use(guardedErrorWriter(writer, internal, pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/teapot`);
    const answer = { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    server.close();
    return answer;
  };

  test('asks the writer again for the API\'s internal error when writing the first one throws', async () => {
    const answer = await serve((error, _req, res) => {
      if ((error as HttpError).status !== 500) throw new RangeError('Maximum call stack size exceeded');
      res.status(500).json({ detail: (error as HttpError).message });
    });
    expect(answer).toMatchObject({ status: 500, body: '{"detail":"Internal Server Error"}' });
    expect(answer.type).toContain('application/json');
  });

  test('sends a bare 500 when the writer cannot write even that, and never a stack trace', async () => {
    const answer = await serve(() => {
      throw new Error('broken writer');
    });
    expect(answer).toMatchObject({ status: 500, body: 'Internal Server Error' });
    expect(answer.body).not.toMatch(STACK_TRACE);
  });

  test('treats a writer that passes the error on as one that failed', async () => {
    const answer = await serve((error, _req, res, next) => ((error as HttpError).status === 500 ? res.status(500).json({ detail: 'x' }) : next(error)));
    expect(answer).toMatchObject({ status: 500, body: '{"detail":"x"}' });
  });
});

describe('hostile bodies on every VinMake write operation', () => {
  let mock: StartedMock;
  let headers: Record<string, string>;
  let operations: JsonOperation[];

  beforeAll(async () => {
    mock = await startMock(findMockApi('vinmake')!, { port: 0, logLevel: 'silent' });
    const login = await fetch(`${mock.url}/auth/login`, { method: 'POST', body: new URLSearchParams({ username: 'admin@vinmake.test', password: 'admin-pass-1' }) });
    headers = { authorization: `Bearer ${((await login.json()) as { access_token: string }).access_token}`, 'content-type': 'application/json' };
    operations = await negativeBodies('vinmake');
  });
  afterAll(() => mock.close());

  const hostile = (operation: JsonOperation): Array<[string, string]> => {
    const [field] = Object.keys(operation.valid);
    return [
      ['an array nested 10,000 deep', `${'['.repeat(NESTING_DEPTH)}${']'.repeat(NESTING_DEPTH)}`],
      ['an object nested 10,000 deep', `${'{"a":'.repeat(NESTING_DEPTH)}1${'}'.repeat(NESTING_DEPTH)}`],
      ['a 2 MB body', JSON.stringify({ ...operation.valid, [field ?? 'name']: 'x'.repeat(2_000_000) })],
      ['prototype keys', JSON.stringify(operation.valid).replace(/^\{/, '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"role":"admin"}},')],
      ['NUL and a lone surrogate in every string', JSON.stringify(operation.valid, (_key, value) => (typeof value === 'string' ? `${value}\u0000\ud800` : value))],
      ['a 5,000-character value in every string', JSON.stringify(operation.valid, (_key, value) => (typeof value === 'string' ? 'y'.repeat(5_000) : value))],
    ];
  };

  test('answer FastAPI-shaped JSON, never a 5xx or a stack trace, and leave the mock answering', async () => {
    expect(operations.length).toBeGreaterThan(3);
    for (const operation of operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const [label, body] of hostile(operation)) {
        const response = await fetch(`${mock.url}${path}`, { method: operation.method.toUpperCase(), headers, body });
        const text = await response.text();
        const where = `${operation.operationId} with ${label}: ${response.status} ${text.slice(0, 200)}`;
        expect(response.status, where).toBeLessThan(500);
        expect(response.headers.get('content-type'), where).toContain('application/json');
        expect(text, where).not.toMatch(STACK_TRACE);
        if (response.status >= 400) expect(JSON.parse(text), where).toHaveProperty('detail');
      }
    }
    expect((await fetch(`${mock.url}/auth/test/admin`, { headers })).status).toBe(200);
  });
});
