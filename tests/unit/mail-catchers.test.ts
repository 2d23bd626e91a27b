/**
 * The mail catchers a staging server may send to, read through their HTTP APIs: Mailpit against
 * answers in the shapes its API documents (tests/fixtures/mailpit), MailDev against a real MailDev
 * fed over SMTP. Each gives only the mail after the mark, to the address in any letter case, with
 * its links; removes what the run read; and a missing mail fails saying what the mailbox held,
 * its tokens masked.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startMailDev, type StartedMailDev } from '../../scripts/lib/maildev-server.ts';
import { maildevSource } from '../../suites/harness/mailbox/maildev.ts';
import { MailNotArrived, openMailbox } from '../../suites/harness/mailbox/mailbox.ts';
import { mailpitSource } from '../../suites/harness/mailbox/mailpit.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/mailpit/${name}`, import.meta.url), 'utf8');
const NEW_TOKEN = 'rs_9Qe2LwX7vB4nK8tY3mZ6pR1c';
const OTHER_TOKEN = 'rs_5Hd8KqZ2wN6xJ4vB9tL3mC7e';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** Serves the recorded answers: `phase` says whether the rule's call has happened yet. */
function fakeMailpit() {
  const state = { phase: 'before' as 'before' | 'after', requests: [] as Seen[] };
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const url = new URL(request.url ?? '/', 'http://x');
    state.requests.push({ method: request.method ?? '', url: `${url.pathname}${url.search}`, authorization: request.headers.authorization, body });
    const send = (status: number, text: string, type = 'application/json') => response.writeHead(status, { 'content-type': type }).end(text);
    if (request.method === 'GET' && url.pathname === '/api/v1/messages') return send(200, fixture(`messages-${state.phase}.json`));
    if (request.method === 'GET' && url.pathname === '/api/v1/search') {
      if (url.searchParams.get('query') !== 'to:"reset@vinmake.test"' || state.phase === 'before') return send(200, JSON.stringify({ messages: [], messages_count: 0 }));
      return send(200, fixture('search-reset.json'));
    }
    const message = /^\/api\/v1\/message\/([\w-]+)$/.exec(url.pathname);
    if (request.method === 'GET' && message) {
      try {
        return send(200, fixture(`message-${message[1]}.json`));
      } catch {
        return send(404, 'message not found', 'text/plain');
      }
    }
    if (request.method === 'DELETE' && url.pathname === '/api/v1/messages') return send(200, 'ok', 'text/plain');
    send(404, '404 page not found', 'text/plain');
  });
  return { state, server };
}

describe('Mailpit', () => {
  const { state, server } = fakeMailpit();
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    state.phase = 'before';
    state.requests.length = 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('gives the mail that came after the mark, to the address in any letter case, with its links', async () => {
    const source = mailpitSource(url);
    const mark = await source.mark();
    state.phase = 'after';
    const mails = await source.mailsTo('RESET@vinmake.test', mark);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ id: 'mB8dF2kW5yH7jN3qT6rV4e', to: ['reset@vinmake.test'], subject: 'Reset your VinMake password', receivedAt: '2026-12-04T10:00:01.52Z' });
    expect(mails[0]?.links).toEqual([`https://app.vinmake.test/reset-password?token=${NEW_TOKEN}`]);
    expect(await source.mailsSince(mark)).toHaveLength(2);
  });

  test('removes the mails the run read, by their ids, and never sends a DELETE without ids', async () => {
    const source = mailpitSource(url);
    await source.remove?.([]);
    await source.remove?.(['mB8dF2kW5yH7jN3qT6rV4e']);
    const deletes = state.requests.filter((request) => request.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(JSON.parse(deletes[0]?.body ?? '')).toEqual({ IDs: ['mB8dF2kW5yH7jN3qT6rV4e'] });
  });

  test('a mail that does not come fails with what was looked for and what the mailbox held, tokens masked', async () => {
    const mailbox = await openMailbox(mailpitSource(url), { waitMs: 300, pollMs: 50 });
    state.phase = 'after';
    const failure = await mailbox.nextMailTo('nobody@vinmake.test', 'a reset mail').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MailNotArrived);
    const message = (failure as Error).message;
    expect(message).toContain(`expected a reset mail to nobody@vinmake.test in Mailpit at ${url} within 300 ms`);
    expect(message).toContain('received 2 mails');
    expect(message).toContain('to other@vinmake.test, "Reset your VinMake password", links https://app.vinmake.test/reset-password?token=[redacted]');
    expect(message).not.toContain(NEW_TOKEN);
    expect(message).not.toContain(OTHER_TOKEN);
  });

  test('credentials in the URL go in an Authorization header and stay out of its name', async () => {
    const source = mailpitSource(url.replace('http://', 'http://team:s3cret-pass@'));
    expect(source.name).toBe(`Mailpit at ${url}`);
    await source.mark();
    expect(state.requests[0]?.authorization).toBe(`Basic ${Buffer.from('team:s3cret-pass').toString('base64')}`);
  });

  test('a port that is not Mailpit\'s web port says so', async () => {
    await expect(mailpitSource(`${url}/not-mailpit`).mark()).rejects.toThrow(/answered 404 to GET \/api\/v1\/messages: is this Mailpit's web port\?/);
  });
});

describe('MailDev', () => {
  let maildev: StartedMailDev;
  beforeAll(async () => {
    maildev = await startMailDev();
  });
  afterAll(() => maildev.stop());

  const send = (to: string, text: string, html?: string) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: maildev.smtpPort, secure: false, ignoreTLS: true }).sendMail({ from: 'no-reply@enclaive.test', to, subject: 'Verify your e-mail', text, html });

  test('gives the mail sent over SMTP after the mark, with links from text and HTML, and removes what the run read', async () => {
    await send('before@enclaive.test', 'sent before the rule began');
    const mailbox = await openMailbox(maildevSource(maildev.url), { waitMs: 5_000, pollMs: 50 });
    await send('Someone@Enclaive.test', 'Verify: https://app.enclaive.test/verify?token=vt_8Kd2Lq9Wz4Xn7Bc3Mv6Rt1Y', '<a href="https://app.enclaive.test/verify/vt_8Kd2Lq9Wz4Xn7Bc3Mv6Rt1Y">Verify</a>');
    const mail = await mailbox.nextMailTo('someone@enclaive.test', 'a verification mail');
    expect(mail.to).toContain('someone@enclaive.test');
    expect(mail.links).toEqual(expect.arrayContaining(['https://app.enclaive.test/verify?token=vt_8Kd2Lq9Wz4Xn7Bc3Mv6Rt1Y', 'https://app.enclaive.test/verify/vt_8Kd2Lq9Wz4Xn7Bc3Mv6Rt1Y']));
    expect(await maildev.count()).toBe(2);
    await mailbox.release();
    expect(await maildev.count()).toBe(1);
  });

  test('a mail that does not come fails after the bounded wait, naming MailDev and what it received', async () => {
    const mailbox = await openMailbox(maildevSource(maildev.url), { waitMs: 200, pollMs: 50 });
    await send('someone-else@enclaive.test', 'Reset: https://app.enclaive.test/reset?token=rt_3Jf7Hq2Wn9Lx5Cv8Bm4Kz6P');
    await expect(mailbox.nextMailTo('nobody@enclaive.test', 'a reset mail')).rejects.toThrow(
      new RegExp(`expected a reset mail to nobody@enclaive.test in MailDev at ${maildev.url} within 200 ms; since the rule began it received (nothing|1 mail:\\n  - to someone-else@enclaive.test, "Verify your e-mail", links https://app.enclaive.test/reset\\?token=\\[redacted\\])`),
    );
  });
});
