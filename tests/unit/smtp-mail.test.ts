/**
 * Mail over SMTP: a mock started with an SMTP relay delivers what it sends to the SMTP sink the
 * suites use, links are found in text and HTML alike, and a relay that cannot deliver never fails
 * the API call that sent the mail.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findMockApi, startMock, type StartedMock } from '../../mock-server/registry.ts';
import { linksOf } from '../../suites/harness/mailbox/links.ts';
import { SmtpSink } from '../../suites/harness/mailbox/smtp-sink.ts';

async function until<T>(probe: () => T | undefined, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('mail over SMTP', () => {
  const sink = new SmtpSink();
  let mock: StartedMock;

  beforeAll(async () => {
    const port = await sink.start(0);
    mock = await startMock(findMockApi('enclaive')!, { port: 0, logLevel: 'silent', smtpUrl: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await mock.close();
    await sink.stop();
  });

  test('a verification mail reaches the sink with its link, and the outbox keeps it too', async () => {
    const email = `smtp-${Date.now()}@enclaive.test`;
    const registered = await fetch(`${mock.url}/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'Passw0rd-12345', name: 'Mail Test' }),
    });
    expect(registered.status).toBe(201);
    const [mail] = await until(() => (sink.messagesTo(email.toUpperCase()).length > 0 ? sink.messagesTo(email) : undefined));
    expect(mail?.links.some((link) => link.startsWith(`${mock.url}/api/verify-email/`))).toBe(true);
    const { mails } = (await (await fetch(`${mock.url}/__mock/outbox?to=${encodeURIComponent(email)}`)).json()) as { mails: { text: string }[] };
    expect(linksOf({ text: mails[0]?.text })).toEqual(mail?.links);
  });

  test('a relay that cannot deliver leaves the API call unharmed', async () => {
    const unreachable = await startMock(findMockApi('enclaive')!, { port: 0, logLevel: 'silent', smtpUrl: 'smtp://127.0.0.1:9' });
    try {
      const response = await fetch(`${unreachable.url}/api/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `lost-${Date.now()}@enclaive.test`, password: 'Passw0rd-12345', name: 'Lost Mail' }),
      });
      expect(response.status).toBe(201);
    } finally {
      await unreachable.close();
    }
  });
});

describe('links of a mail', () => {
  test('text and HTML parts give their links by the same rules, each once', () => {
    const links = linksOf({
      text: 'Confirm: https://app.example/verify/abc?x=1. Or see https://app.example/help',
      html: '<p><a href="https://app.example/verify/abc?x=1">confirm</a> <a href="mailto:x@y">mail</a> <a href="https://app.example/reset#t">reset</a></p>',
    });
    expect(links).toEqual(['https://app.example/verify/abc?x=1', 'https://app.example/help', 'https://app.example/reset#t']);
  });
});
