/**
 * The test workers' view of the SMTP sink the vitest globalSetup runs: the sink answers
 * `GET /mails?to=` with what it received, on a 127.0.0.1 port handed to the workers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { MailView } from './mailbox.ts';
import type { SmtpSink } from './smtp-sink.ts';

/** Serves the sink's mails to the workers; answers the URL. */
export async function serveSink(sink: SmtpSink): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const to = url.searchParams.get('to');
    if (url.pathname !== '/mails' || !to) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sink.messagesTo(to)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function readSink(url: string, to: string): Promise<MailView[]> {
  const response = await request(`${url}/mails?to=${encodeURIComponent(to)}`);
  return (await response.body.json()) as MailView[];
}
