/**
 * What a rule takes from a mail: the token, wherever the server put it, and forms behind its link
 * filled as a browser would; and what it never prints: the link's token parts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BrowserLike, formsOf, passwordFieldsOf } from '../../suites/harness/browser-form.ts';
import { describeMail, maskedLink } from '../../suites/harness/mailbox/mail-secrets.ts';
import { tokenInMail } from '../../suites/harness/mailbox/mailed-token.ts';
import type { MailView } from '../../suites/harness/mailbox/mailbox.ts';
import { redactSecrets } from '../../suites/harness/redact.ts';

const mail = (text: string, links: string[]): MailView => ({ to: ['a@x.test'], subject: 'Verify', text, html: '', links, receivedAt: '2026-12-04T10:00:00Z' });

describe('the token of a mail', () => {
  test.each([
    ['a named query parameter', 'https://app.x.test/verify?lang=en&token=vt_4Kd8Lq2Wz6Xn9Bc3', 'vt_4Kd8Lq2Wz6Xn9Bc3'],
    ['a fragment parameter', 'https://app.x.test/#/reset?code=Q2w8E4r6T1y9U3i7', 'Q2w8E4r6T1y9U3i7'],
    ['the last token-shaped path segment', 'https://app.x.test/api/verify-email/3f9c2a7e-6b1d-4e8f-9a2c-5d7b1e3f8a64', '3f9c2a7e-6b1d-4e8f-9a2c-5d7b1e3f8a64'],
  ])('from %s', (_where, link, token) => {
    expect(tokenInMail(mail(`Open ${link}`, [link]))).toBe(token);
    expect(redactSecrets(`went to ${link}`)).not.toContain(token);
  });

  test('standing alone in the text when no link carries one', () => {
    expect(tokenInMail(mail('Your code: a8F3k2L9q7W1e5R4t6Y0\nIt expires in 1 hour.', ['https://app.x.test/help']))).toBe('a8F3k2L9q7W1e5R4t6Y0');
  });

  test('none in a mail without one', () => {
    expect(tokenInMail(mail('Welcome aboard. See https://app.x.test/help', ['https://app.x.test/help']))).toBeUndefined();
  });

  test('a link is described with its shape kept and its token parts masked', () => {
    const link = 'https://app.x.test/recovery/verify?flow=7e1c9b2a-55f0-4d3e-8c1a-2b6d9f0e4a71&token=rs_7Hq2Wn9Lx5Cv8Bm4';
    expect(maskedLink(link)).toBe('https://app.x.test/recovery/verify?flow=[redacted]&token=[redacted]');
    expect(describeMail(mail('', [link]))).toBe('to a@x.test, "Verify", links https://app.x.test/recovery/verify?flow=[redacted]&token=[redacted], at 2026-12-04T10:00:00Z');
  });
});

describe('forms behind a mailed link', () => {
  test('are read with their fields as a browser would send them', () => {
    const [form] = formsOf(
      `<base href="/account/"><form method="post" action="reset">
        <input type="hidden" name="csrf" value="c&amp;1"><input type="password" name="password"><input type="password" name="confirm">
        <input type="checkbox" name="remember" checked><input type="checkbox" name="spam"><input name="off" disabled value="x">
        <select name="lang"><option value="en">en</option><option value="de" selected>de</option></select><select name="size"><option> S </option><option>M</option></select>
        <textarea name="note">hi</textarea><button name="action" value="save">Save</button></form>`,
      'https://app.x.test/reset?token=t',
    );
    expect(form).toMatchObject({ action: 'https://app.x.test/account/reset', method: 'POST', enctype: 'application/x-www-form-urlencoded' });
    expect(form?.fields.map(({ name, value }) => `${name}=${value}`)).toEqual(['csrf=c&1', 'password=', 'confirm=', 'remember=on', 'lang=de', 'size=S', 'note=hi', 'action=save']);
    expect(passwordFieldsOf(form!).map((field) => field.name)).toEqual(['password', 'confirm']);
  });

  describe('submitted by a browser-like client', () => {
    let server: Server;
    let base: string;
    const posted: Array<{ cookie?: string; body: string; type?: string }> = [];
    beforeAll(async () => {
      server = createServer(async (request, response) => {
        let body = '';
        for await (const chunk of request) body += chunk;
        if (request.url?.startsWith('/link')) return response.writeHead(302, { location: '/form', 'set-cookie': 'session=s1; Path=/; HttpOnly' }).end();
        if (request.url === '/form') return response.writeHead(200, { 'content-type': 'text/html' }).end('<form method="post" action="/save"><input type="hidden" name="t" value="abc"><input type="password" name="pw"></form>');
        if (request.url === '/save' && request.method === 'POST') {
          posted.push({ cookie: request.headers.cookie, body, type: request.headers['content-type'] });
          return response.writeHead(303, { location: '/done' }).end();
        }
        if (request.url === '/done' && request.method === 'GET') return response.writeHead(200, { 'content-type': 'text/html' }).end('<p>Password changed</p>');
        response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test('follows the redirect, keeps the cookie, posts the filled form and lands on the page after a 303', async () => {
      const browser = new BrowserLike();
      const page = await browser.open(`${base}/link?token=abc`);
      expect(page.url).toBe(`${base}/form`);
      const done = await browser.submit(page.forms[0]!, { password: 'new-pass-1' });
      expect(posted).toEqual([{ cookie: 'session=s1', body: 't=abc&pw=new-pass-1', type: 'application/x-www-form-urlencoded' }]);
      expect(done).toMatchObject({ url: `${base}/done`, status: 200 });
      expect(done.body).toContain('Password changed');
    });
  });
});
