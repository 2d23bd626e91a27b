/**
 * The test workers' view of the SMTP sink the vitest globalSetup runs: the sink answers
 * `GET /mails` with what it received, on a 127.0.0.1 port handed to the workers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { addressed, markOf, type MailSource, type StoredMail } from './mailbox.ts';
import type { SmtpSink } from './smtp-sink.ts';

/** Serves the sink's mails to the workers; answers the URL. */
export async function serveSink(sink: SmtpSink): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/mails') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sink.all()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export function sinkSource(readerUrl: string, smtpPort: number): MailSource {
  const all = async (): Promise<StoredMail[]> => (await (await request(`${readerUrl}/mails`)).body.json()) as StoredMail[];
  const since = async (mark: { seen: ReadonlySet<string> }) => (await all()).filter((mail) => !mark.seen.has(mail.id));
  return {
    name: `the SMTP sink on port ${smtpPort}`,
    immediate: false,
    mark: () => markOf(all),
    mailsTo: async (address, mark) => (await since(mark)).filter((mail) => addressed(mail, address)),
    mailsSince: since,
  };
}
