import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import express from 'express';
import { request } from 'undici';
import { createLogger, redactUrl, requestLogger, type RequestLine } from '../../mock-server/core/logging.ts';
import { listen } from '../../mock-server/core/server.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'test', level: 'info' }, stream) };
}

describe('log redaction', () => {
  it('censors credential headers and secret body fields', () => {
    const { lines, logger } = capture();
    logger.info({
      req: { headers: { authorization: 'Bearer eyJ.secret.sig', 'x-api-key': 'vmk_abc_secret', accept: 'json' } },
      body: { username: 'a@b.test', password: 'hunter2' },
      result: { access_token: 'eyJ.token.sig' },
    });
    const line = lines.join('');
    for (const secret of ['eyJ.secret.sig', 'vmk_abc_secret', 'hunter2', 'eyJ.token.sig']) expect(line).not.toContain(secret);
    expect(line).toContain('a@b.test');
    expect(line).toContain('"accept":"json"');
  });

  it('masks secret query parameters in URLs and keeps the rest', () => {
    expect(redactUrl('/auth/reset-password?token=abc123&lang=en')).toBe('/auth/reset-password?token=%5Bredacted%5D&lang=en');
    expect(redactUrl('/api/v1/materials?page=2')).toBe('/api/v1/materials?page=2');
    expect(redactUrl('/plain')).toBe('/plain');
    expect(redactUrl('/api/verify-email/abc.def?x=1', [/^(\/api\/verify-email\/)[^/]+/])).toBe('/api/verify-email/[redacted]?x=1');
  });
});

describe('request log lines', () => {
  it('writes one line per answered request, with the secret path part masked, and hands it to record', async () => {
    const { lines, logger } = capture();
    const recorded: RequestLine[] = [];
    const app = express();
    app.use(requestLogger(logger, { secretPaths: [/^(\/verify\/)[^/]+/], record: (line) => recorded.push(line) }));
    app.get('/verify/:token', (_req, res) => {
      res.status(204).end();
    });
    const server = await listen(app);
    try {
      const response = await request(`${server.url}/verify/s3cr3t-token?password=hunter2&page=2`);
      await response.body.dump();
      await expect.poll(() => recorded.length).toBe(1);
    } finally {
      await server.close();
    }
    expect(recorded[0]).toMatchObject({ method: 'GET', url: '/verify/[redacted]?password=%5Bredacted%5D&page=2', status: 204, aborted: false });
    const line = JSON.parse(lines.find((each) => each.includes('request completed')) ?? '{}');
    expect(line).toMatchObject({ name: 'test', level: 30, req: { method: 'GET', url: '/verify/[redacted]?password=%5Bredacted%5D&page=2' }, res: { statusCode: 204 } });
    expect(lines.join('')).not.toMatch(/s3cr3t-token|hunter2/);
  });
});
