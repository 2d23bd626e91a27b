/**
 * Delivers the mock's mail over SMTP as well (nodemailer), so it lands where a team's other mail
 * goes: a MailDev or Mailpit beside the mock, or a relay. A delivery that fails is logged and
 * dropped: it never fails the API call that sent the mail, and the outbox keeps the mail anyway.
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Mail } from './outbox.ts';

export interface MailRelay {
  deliver(mail: Mail): void;
  close(): void;
}

/** `smtp://host:port` (or `smtps://user:pass@host:port`); `from` names the sender of every mail. */
export function createSmtpRelay(url: string, logger: Logger, from = 'auth-conformance mock <no-reply@mock.test>'): MailRelay {
  const transport = nodemailer.createTransport(url);
  const where = new URL(url).host;
  return {
    deliver(mail) {
      transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text }).catch((error: Error & { code?: string }) => {
        // The message may hold a link with a token: log what failed, never the mail.
        logger.warn({ smtp: where, to: mail.to, code: error.code }, 'mail not delivered over SMTP');
      });
    },
    close() {
      transport.close();
    },
  };
}
