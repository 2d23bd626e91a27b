/**
 * Mailpit's HTTP API (v1) as a mail source: `GET /api/v1/search?query=to:...` finds the summaries,
 * newest first; `GET /api/v1/message/{ID}` gives a message's text and HTML; `DELETE /api/v1/messages`
 * with the IDs removes the ones the run read. A DELETE without IDs empties the whole mailbox, so it
 * is never sent without them. Mailpit keeps a team's other mail too: only mail newer than the mark
 * counts.
 */
import { catcherHttp } from './catcher-http.ts';
import { linksOf } from './links.ts';
import { addressed, type MailMark, type MailSource, type StoredMail } from './mailbox.ts';

interface MailpitAddress {
  Address?: string;
}

export interface MailpitSummary {
  ID: string;
  Created: string;
  Subject?: string;
  To?: MailpitAddress[] | null;
  Cc?: MailpitAddress[] | null;
  Bcc?: MailpitAddress[] | null;
}

export interface MailpitMessagesSummary {
  messages?: MailpitSummary[];
}

export interface MailpitMessage extends MailpitSummary {
  Text?: string;
  HTML?: string;
}

const PAGE = 50;

export function fromMailpit(summary: MailpitSummary, message: MailpitMessage): StoredMail {
  const to = [...(summary.To ?? []), ...(summary.Cc ?? []), ...(summary.Bcc ?? [])].map((entry) => (entry.Address ?? '').toLowerCase()).filter(Boolean);
  const text = message.Text ?? '';
  const html = message.HTML ?? '';
  return { id: summary.ID, to: [...new Set(to)], subject: message.Subject ?? summary.Subject ?? '', text, html, links: linksOf({ text, html }), receivedAt: summary.Created };
}

// Go writes times with the fraction's trailing zeros cut (".5Z" after ".45Z"): compare them as times, not strings.
const isAfter = (summary: MailpitSummary, mark: MailMark) => !mark.seen.has(summary.ID) && (!mark.newest || Date.parse(summary.Created) >= Date.parse(mark.newest));

export function mailpitSource(url: string): MailSource {
  const http = catcherHttp(url, 'Mailpit');
  const messages = new Map<string, MailpitMessage>();
  const list = async (path: string): Promise<MailpitSummary[]> => {
    const { status, body } = await http.json<MailpitMessagesSummary>('GET', path);
    if (status !== 200 || !Array.isArray(body?.messages)) throw new Error(`Mailpit at ${http.shownUrl} answered ${status} to GET ${path.split('?')[0]}: is this Mailpit's web port?`);
    return body.messages;
  };
  const full = async (summaries: MailpitSummary[]): Promise<StoredMail[]> => {
    const mails: StoredMail[] = [];
    // Oldest first, like every other source.
    for (const summary of [...summaries].reverse()) {
      let message = messages.get(summary.ID);
      if (!message) {
        const { status, body } = await http.json<MailpitMessage>('GET', `/api/v1/message/${encodeURIComponent(summary.ID)}`);
        if (status !== 200 || !body) continue; // removed meanwhile
        messages.set(summary.ID, (message = body));
      }
      mails.push(fromMailpit(summary, message));
    }
    return mails;
  };
  return {
    name: `Mailpit at ${http.shownUrl}`,
    immediate: false,
    async mark() {
      const newestFirst = await list(`/api/v1/messages?limit=${PAGE}`);
      return { seen: new Set(newestFirst.map((summary) => summary.ID)), newest: newestFirst[0]?.Created };
    },
    async mailsTo(address, mark) {
      const found = await list(`/api/v1/search?query=${encodeURIComponent(`to:"${address.toLowerCase()}"`)}&limit=${PAGE}`);
      return (await full(found.filter((summary) => isAfter(summary, mark)))).filter((mail) => addressed(mail, address));
    },
    async mailsSince(mark) {
      return full((await list(`/api/v1/messages?limit=${PAGE}`)).filter((summary) => isAfter(summary, mark)));
    },
    async remove(ids) {
      if (ids.length === 0) return;
      await http.json('DELETE', '/api/v1/messages', { IDs: ids });
    },
  };
}
