/** The mock's outbox, read through its control plane: mail is there as soon as the call answered. */
import type { ControlPlane } from '../control-plane.ts';
import { linksOf } from './links.ts';
import { addressed, markOf, type MailSource, type StoredMail } from './mailbox.ts';

export function outboxSource(control: ControlPlane): MailSource {
  const all = async (): Promise<StoredMail[]> =>
    (await control.outbox()).map((mail) => ({
      id: mail.id,
      to: [mail.to.toLowerCase()],
      subject: mail.subject,
      text: mail.text,
      html: '',
      links: linksOf({ text: mail.text }),
      receivedAt: mail.sentAt,
    }));
  const since = async (mark: { seen: ReadonlySet<string> }) => (await all()).filter((mail) => !mark.seen.has(mail.id));
  return {
    name: "the mock's outbox",
    immediate: true,
    mark: () => markOf(all),
    mailsTo: async (address, mark) => (await since(mark)).filter((mail) => addressed(mail, address)),
    mailsSince: since,
  };
}
