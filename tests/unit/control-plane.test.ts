import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vinmake } from '../../mock-server/apis/vinmake/index.ts';
import { startMock, type StartedMock } from '../../mock-server/registry.ts';
import { HttpClient } from '../../suites/harness/http.ts';

let mock: StartedMock;
let http: HttpClient;

beforeAll(async () => {
  mock = await startMock(vinmake, { port: 0, logLevel: 'silent' });
  http = new HttpClient(mock.url);
});
afterAll(() => mock.close());

const login = (username: string, password: string) => http.post('/auth/login', { form: { username, password } });

describe('control plane', () => {
  it('answers health with the API name', async () => {
    const response = await http.get('/__mock/health');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', api: 'vinmake' });
  });

  it('moves the clock forward, to an instant, and back to real time', async () => {
    const advanced = await http.post('/__mock/clock/advance', { json: { seconds: 90 } });
    expect(advanced.json<{ offsetSeconds: number }>().offsetSeconds).toBe(90);
    const set = await http.post('/__mock/clock/set', { json: { time: '2031-02-03T04:05:06Z' } });
    expect(set.json<{ now: string }>().now).toMatch(/^2031-02-03T04:05:0/);
    const reset = await http.post('/__mock/clock/reset');
    expect(reset.json<{ offsetSeconds: number }>().offsetSeconds).toBe(0);
  });

  it('refuses bad control requests with 400 JSON and keeps running', async () => {
    for (const [path, body] of [
      ['/__mock/clock/advance', { seconds: 'soon' }],
      ['/__mock/clock/set', { time: 'not a date' }],
      ['/__mock/users', { email: 'x@vinmake.test', password: 'p', role: 'emperor' }],
    ] as const) {
      const response = await http.post(path, { json: body });
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ error: 'bad_request' });
    }
    const unreadable = await http.post('/__mock/clock/advance', { body: '{', contentType: 'application/json' });
    expect(unreadable.status).toBe(400);
    expect((await http.get('/__mock/health')).status).toBe(200);
  });

  it('seeds a user who can log in, and reset removes it and restores seeded passwords', async () => {
    const created = await http.post('/__mock/users', { json: { email: 'extra@vinmake.test', password: 'extra-pass-1', role: 'staff' } });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('extra-pass-1');
    expect((await login('extra@vinmake.test', 'extra-pass-1')).status).toBe(200);
    expect((await http.post('/__mock/reset')).status).toBe(200);
    expect((await login('extra@vinmake.test', 'extra-pass-1')).status).toBe(401);
    expect((await login('admin@vinmake.test', 'admin-pass-1')).status).toBe(200);
  });

  it('shows sent mail in the outbox and clears it', async () => {
    await http.post('/api/v1/auth/reset-password-request', { json: { email: 'staff@vinmake.test' } });
    const outbox = await http.get('/__mock/outbox?to=STAFF@vinmake.test');
    const [mail] = outbox.json<{ mails: { to: string; links: string[] }[] }>().mails;
    expect(mail?.to).toBe('staff@vinmake.test');
    expect(mail?.links[0]).toMatch(new RegExp(`^${mock.url}/auth/reset-password\\?token=`));
    expect((await http.delete('/__mock/outbox')).status).toBe(204);
    expect((await http.get('/__mock/outbox')).json()).toEqual({ mails: [] });
  });

  it('lists the fault catalog and switches a set of faults on and off', async () => {
    const catalog = (await http.get('/__mock/faults')).json<{ active: string[]; available: { id: string }[] }>();
    expect(catalog.active).toEqual([]);
    expect(catalog.available.map((fault) => fault.id)).toContain('accept-alg-none');
    const switched = await http.put('/__mock/faults', { json: { active: ['leak-client-data'] } });
    expect(switched.json()).toMatchObject({ active: ['leak-client-data'] });
    expect((await http.get('/__mock/health')).json()).toMatchObject({ faults: ['leak-client-data'] });
    // A data reset keeps the faults; only a new set changes them.
    await http.post('/__mock/reset');
    expect((await http.get('/__mock/faults')).json()).toMatchObject({ active: ['leak-client-data'] });
    const unknown = await http.put('/__mock/faults', { json: { active: ['no-such-bug'] } });
    expect(unknown.status).toBe(400);
    expect((await http.put('/__mock/faults', { json: { active: [] } })).json()).toMatchObject({ active: [] });
  });

  it('answers an unknown control route 404 in its own shape', async () => {
    const response = await http.get('/__mock/nope');
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found' });
  });
});
