/** The calls a rule made, as results.json keeps them: deduplicated, without query, and never with a secret in the path. */
import type { TaskMeta } from 'vitest';
import { expect, test } from 'vitest';
import { enterRule, logCall, logPageCall } from '../../suites/harness/call-log.ts';
import type { HttpResponse } from '../../suites/harness/http.ts';
import { registerSecret } from '../../suites/harness/redact.ts';

const answer = (request: string, status: number) => ({ request, status, headers: {}, text: '', json: () => undefined }) as HttpResponse;

test('a rule\'s calls are kept once each, without query, and a mailed token in a path is masked', () => {
  const meta = {} as TaskMeta;
  enterRule(meta);
  registerSecret('vt_8Kd2Lq9Wz4Xn7Bc3');
  logCall('enclaive', answer('GET /api/verify-email/vt_8Kd2Lq9Wz4Xn7Bc3', 200));
  logCall('enclaive', answer('GET /api/teams/current', 403));
  logCall('enclaive', answer('GET /api/teams/current', 403));
  logPageCall('vinmake', 'http://127.0.0.1:4010/gateway', 'GET', 'http://127.0.0.1:4010/gateway/auth/reset-password?token=abc', 200);
  logPageCall('vinmake', 'http://127.0.0.1:4010/gateway', 'GET', 'https://elsewhere.test/auth/reset-password', 200);
  expect(meta.calls).toEqual([
    { api: 'enclaive', method: 'GET', path: '/api/verify-email/[redacted]', status: 200 },
    { api: 'enclaive', method: 'GET', path: '/api/teams/current', status: 403 },
    { api: 'vinmake', method: 'GET', path: '/auth/reset-password', status: 200 },
  ]);
});
