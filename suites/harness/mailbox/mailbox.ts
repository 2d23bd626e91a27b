/**
 * Where a rule reads the mail a target sent: the mock's outbox, or an SMTP sink the target sends to
 * (more adapters read mail catchers). Every adapter gives mails in one shape, with links found by
 * the same code. Mail that travels over SMTP arrives a little after the call that sent it, so a
 * rule waits for what it expects, bounded (CONFORMANCE_MAIL_WAIT_MS, default 5 s), and a rule that
 * expects no mail lets the same time pass before it looks.
 */
import { linksOf } from './links.ts';

export interface MailView {
  to: string[];
  subject: string;
  text: string;
  html: string;
  links: string[];
  receivedAt: string;
}

export interface Mailbox {
  /** How the report names it: "the mock's outbox", "the SMTP sink on port 2525". */
  readonly name: string;
  /**
   * Waits until at least `count` mails to `to` (of those `which` picks) are there, or the wait is
   * over; answers those mails, oldest first.
   */
  mailsTo(to: string, count?: number, which?: (mail: MailView) => boolean): Promise<MailView[]>;
  /** The mails to `to` once any mail still on its way has had time to arrive. */
  settledMailsTo(to: string): Promise<MailView[]>;
}

export const MAILBOX_KINDS = ['mock', 'smtp'] as const;
export type MailboxKind = (typeof MAILBOX_KINDS)[number];

export function mailWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.CONFORMANCE_MAIL_WAIT_MS);
  return Number.isFinite(configured) && configured >= 0 ? configured : 5_000;
}

/** A mailbox over a source of all mails to an address; `immediate` says mail is there at once. */
export function polledMailbox(name: string, read: (to: string) => Promise<MailView[]>, options: { immediate: boolean; waitMs?: number }): Mailbox {
  const waitMs = options.waitMs ?? mailWaitMs();
  return {
    name,
    async mailsTo(to, count = 1, which = () => true) {
      const deadline = Date.now() + (options.immediate ? 0 : waitMs);
      for (;;) {
        const mails = (await read(to)).filter(which);
        if (mails.length >= count || Date.now() >= deadline) return mails;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async settledMailsTo(to) {
      if (!options.immediate) await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 1_000)));
      return read(to);
    },
  };
}

/** A mail of the mock's outbox in the common shape. */
export function fromOutbox(mail: { to: string; subject: string; text: string; sentAt: string }): MailView {
  return { to: [mail.to.toLowerCase()], subject: mail.subject, text: mail.text, html: '', links: linksOf({ text: mail.text }), receivedAt: mail.sentAt };
}
