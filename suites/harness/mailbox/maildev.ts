/**
 * MailDev's HTTP API as a mail source: `GET /api/email` lists every mail with its text and HTML
 * (MailDev 3; MailDev 2 serves the same routes without `/api`), `DELETE .../email/:id` removes one.
 * A mail counts for an address named in its envelope or its To header.
 */
import { linksOf } from './links.ts';
import { addressed, markOf, type MailSource, type StoredMail } from './mailbox.ts';
import { catcherHttp } from './catcher-http.ts';

interface MailDevAddress {
  address?: string;
}

/** The fields of a MailDev mail that the suites read. */
export interface MailDevEmail {
  id: string;
  time: string;
  subject?: string;
  text?: string;
  html?: string;
  to?: MailDevAddress[];
  envelope?: { to?: MailDevAddress[] };
}

export function fromMailDev(email: MailDevEmail): StoredMail {
  const to = [...(email.envelope?.to ?? []), ...(email.to ?? [])].map((entry) => (entry.address ?? '').toLowerCase()).filter(Boolean);
  const text = email.text ?? '';
  const html = email.html ?? '';
  return { id: email.id, to: [...new Set(to)], subject: email.subject ?? '', text, html, links: linksOf({ text, html }), receivedAt: email.time };
}

export function maildevSource(url: string): MailSource {
  const http = catcherHttp(url, 'MailDev');
  let prefix: Promise<string> | undefined;
  // MailDev 3 answers /api/healthz; MailDev 2 has its routes at the root.
  const apiPrefix = () => (prefix ??= http.json('GET', '/api/healthz').then(({ status }) => (status === 200 ? '/api' : '')));
  const all = async (): Promise<StoredMail[]> => {
    const { status, body } = await http.json<MailDevEmail[]>('GET', `${await apiPrefix()}/email`);
    if (status !== 200 || !Array.isArray(body)) throw new Error(`MailDev at ${http.shownUrl} answered ${status} to GET /email: is this MailDev's web port?`);
    return body.map(fromMailDev);
  };
  const since = async (mark: { seen: ReadonlySet<string> }) => (await all()).filter((mail) => !mark.seen.has(mail.id));
  return {
    name: `MailDev at ${http.shownUrl}`,
    immediate: false,
    mark: () => markOf(all),
    mailsTo: async (address, mark) => (await since(mark)).filter((mail) => addressed(mail, address)),
    mailsSince: since,
    async remove(ids) {
      const base = await apiPrefix();
      for (const id of ids) await http.json('DELETE', `${base}/email/${encodeURIComponent(id)}`);
    },
  };
}
