import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../mock-server/core/server.ts';
import { startPrism, type PrismServer } from '../../suites/harness/prism-server.ts';
import { HttpClient } from '../../suites/harness/http.ts';
import { violationsOf } from '../../suites/harness/prism-violations.ts';

// A server that breaks the VinMake spec on purpose: its login answer lacks access_token.
describe('Prism proxy violations', () => {
  let upstream: RunningServer;
  let prism: PrismServer;
  let http: HttpClient;

  beforeAll(async () => {
    const app = express();
    app.post('/auth/login', (_req, res) => {
      res.json({ token_type: 'bearer' });
    });
    app.get('/__mock/health', (_req, res) => {
      res.json({ status: 'ok' });
    });
    upstream = await listen(app);
    prism = await startPrism({ mode: 'proxy', api: 'vinmake', upstream: upstream.url, cors: false, verboseLevel: 'error' });
    http = new HttpClient(prism.url);
  }, 60_000);

  afterAll(async () => {
    await prism?.stop();
    await upstream?.close();
  });

  it('forwards the call and names what is wrong with the answer', async () => {
    const response = await http.post('/auth/login', { form: { username: 'a@b.test', password: 'x' } });
    expect(response.status).toBe(200);
    const found = violationsOf(response);
    expect(found.filter((violation) => violation.side === 'response').map((violation) => violation.message).join(' ')).toMatch(/access_token/);
    expect(found.every((violation) => violation.request === 'POST /auth/login')).toBe(true);
  });

  it('keeps a bad request on the request side and still forwards it', async () => {
    const response = await http.post('/auth/login', { json: { username: 'a@b.test' } });
    expect(response.status).toBe(200);
    const sides = new Set(violationsOf(response).map((violation) => violation.side));
    expect(sides.has('request')).toBe(true);
  });

  it('ignores the control plane, which no spec describes', async () => {
    const response = await http.get('/__mock/health');
    expect(response.headers['sl-violations']).toBeDefined();
    expect(violationsOf(response)).toEqual([]);
  });
});
