import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from '../../mock-server/core/logging.ts';

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
