/** Mail the mock "sends": kept in memory for the control plane to show, and relayed over SMTP when asked. */
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { MailRelay } from './smtp-relay.ts';

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Every URL in the text, so tests need not parse prose. */
  links: string[];
  sentAt: string;
}

/** Mails kept; older ones go first, so a long-running mock's memory stays flat. */
export const OUTBOX_CAPACITY = 500;

export class Outbox {
  private mails: Mail[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly relay?: MailRelay,
  ) {}

  send(mail: { to: string; subject: string; text: string }): Mail {
    const sent: Mail = {
      id: randomUUID(),
      ...mail,
      links: mail.text.match(/https?:\/\/\S+/g) ?? [],
      sentAt: this.clock.now().toISOString(),
    };
    this.mails.push(sent);
    if (this.mails.length > OUTBOX_CAPACITY) this.mails.shift();
    this.relay?.deliver(sent);
    return sent;
  }

  list(filter: { to?: string } = {}): Mail[] {
    const to = filter.to?.toLowerCase();
    return this.mails.filter((mail) => to === undefined || mail.to.toLowerCase() === to);
  }

  clear(): void {
    this.mails = [];
  }
}
