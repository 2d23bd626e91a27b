/**
 * An SMTP server that keeps what it is sent (smtp-server, parsed by mailparser): the mailbox of a
 * run against a server that is configured to send its mail here. Mail is matched by recipient and
 * the time it arrived. It accepts any sender and recipient, without authentication, on 127.0.0.1.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { linksOf } from './links.ts';
import type { MailView } from './mailbox.ts';

export interface ReceivedMail extends MailView {
  id: string;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => (entry.address ?? '').toLowerCase())).filter(Boolean);

export class SmtpSink {
  private readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private counter = 0;

  /** Listens on 127.0.0.1:`port` (0 for any free port); answers with the port it took. */
  async start(port = 0): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 5 * 1024 * 1024,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const envelope = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
            const to = [...new Set([...envelope, ...addressesOf(parsed.to)])];
            const text = parsed.text ?? '';
            const html = typeof parsed.html === 'string' ? parsed.html : '';
            this.mails.push({ id: String(++this.counter), to, subject: parsed.subject ?? '', text, html, links: linksOf({ text, html }), receivedAt: new Date().toISOString() });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.server.address() as AddressInfo).port;
  }

  /** Mails to `address` (any letter case), oldest first, optionally only those received since a time. */
  messagesTo(address: string, since?: Date): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.mails.filter((mail) => mail.to.includes(wanted) && (!since || new Date(mail.receivedAt) >= since));
  }

  /** Everything received, oldest first. */
  all(): ReceivedMail[] {
    return [...this.mails];
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
