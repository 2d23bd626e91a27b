/**
 * Where a rule reads the mail a target sent: the mock's outbox, an SMTP sink the target sends to,
 * or a mail catcher's HTTP API (MailDev, Mailpit). Every source gives mails in one shape, with
 * links found by the same code. A rule sees only the mail that arrived after it opened the
 * mailbox; mail that travels over SMTP arrives a little after the call that sent it, so a rule
 * waits for what it expects, bounded (CONFORMANCE_MAIL_WAIT_MS, default 5 s), and a rule that
 * expects no mail lets the same time pass before it looks. A missing mail fails with what was
 * looked for and what the mailbox held, links redacted.
 */
import { describeMail, keepMailSecret } from './mail-secrets.ts';

export interface MailView {
  to: string[];
  subject: string;
  text: string;
  html: string;
  links: string[];
  receivedAt: string;
}

/** A mail as a source keeps it: with the source's own id, so a rule can tell old mail from new. */
export interface StoredMail extends MailView {
  id: string;
}

/** Which mails were there already when a rule opened the mailbox. */
export interface MailMark {
  seen: ReadonlySet<string>;
  /** For a source that lists newest first: the newest arrival time at the mark. */
  newest?: string;
}

/** One way of reading a mailbox (an adapter). */
export interface MailSource {
  /** How the report names it: "the mock's outbox", "MailDev at http://127.0.0.1:1080". */
  readonly name: string;
  /** Mail is there as soon as the call that sent it has answered (the mock's outbox). */
  readonly immediate: boolean;
  mark(): Promise<MailMark>;
  /** Mails to `address` (any letter case) that arrived after `mark`, oldest first. */
  mailsTo(address: string, mark: MailMark): Promise<StoredMail[]>;
  /** Every mail after `mark`, for a failure message (bounded by the source). */
  mailsSince(mark: MailMark): Promise<StoredMail[]>;
  /** Removes mails the run has read, where the source can. */
  remove?(ids: string[]): Promise<void>;
}

export interface Mailbox {
  readonly name: string;
  /**
   * Waits until at least `count` mails to `to` (of those `which` picks, described by `what`) are
   * there; answers them, oldest first. Fails, saying what the mailbox held, when the wait is over first.
   */
  mailsTo(to: string, count?: number, which?: (mail: MailView) => boolean, what?: string): Promise<MailView[]>;
  /** The first mail to `to` that this rule has not been given yet: the one a call just caused. */
  nextMailTo(to: string, what?: string): Promise<MailView>;
  /** The mails to `to` once any mail still on its way has had time to arrive. */
  settledMailsTo(to: string): Promise<MailView[]>;
}

export const MAILBOX_KINDS = ['mock', 'smtp', 'maildev', 'mailpit'] as const;
export type MailboxKind = (typeof MAILBOX_KINDS)[number];
/** The kinds that read a catcher's HTTP API and need its URL. */
export const CATCHER_KINDS: readonly MailboxKind[] = ['maildev', 'mailpit'];

export function mailWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.CONFORMANCE_MAIL_WAIT_MS);
  return env.CONFORMANCE_MAIL_WAIT_MS !== undefined && Number.isFinite(configured) && configured >= 0 ? configured : 5_000;
}

export class MailNotArrived extends Error {}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A rule's view of a source: mail after the moment it was opened. `release` removes what the rule
 * read, where the source can, so a shared catcher does not fill up with the run's mail.
 */
export async function openMailbox(source: MailSource, options: { waitMs?: number; pollMs?: number } = {}): Promise<Mailbox & { release(): Promise<void> }> {
  const waitMs = options.waitMs ?? mailWaitMs();
  const pollMs = options.pollMs ?? 150;
  const mark = await source.mark();
  const read = new Set<string>();
  const take = (mails: StoredMail[]): MailView[] =>
    mails.map(({ id, ...mail }) => {
      read.add(id);
      keepMailSecret(mail);
      return mail;
    });

  /** Polls until `pick` finds enough in the mails to `to`; fails saying what the mailbox held. */
  const waitFor = async (to: string, pick: (mails: StoredMail[]) => StoredMail[] | undefined, looked: string): Promise<StoredMail[]> => {
    const deadline = Date.now() + (source.immediate ? 0 : waitMs);
    for (;;) {
      const picked = pick(await source.mailsTo(to, mark));
      if (picked) return picked;
      if (Date.now() >= deadline) {
        const held = await source.mailsSince(mark);
        held.forEach(keepMailSecret);
        const waited = source.immediate ? '' : ` within ${waitMs} ms`;
        const list = held.length === 0 ? 'nothing' : `${held.length} mail${held.length === 1 ? '' : 's'}:\n${held.slice(-10).map((mail) => `  - ${describeMail(mail)}`).join('\n')}`;
        throw new MailNotArrived(`expected ${looked} in ${source.name}${waited}; since the rule began it received ${list}`);
      }
      await pause(pollMs);
    }
  };

  return {
    name: source.name,
    async mailsTo(to, count = 1, which = () => true, what = 'a mail') {
      const looked = count === 1 ? `${what} to ${to}` : `${count} of ${what} to ${to}`;
      return take(await waitFor(to, (mails) => (mails.filter(which).length >= count ? mails.filter(which) : undefined), looked));
    },
    async nextMailTo(to, what = 'a new mail') {
      const [next] = await waitFor(to, (mails) => {
        const unread = mails.find((mail) => !read.has(mail.id));
        return unread && [unread];
      }, `${what} to ${to}`);
      return take([next as StoredMail])[0] as MailView;
    },
    async settledMailsTo(to) {
      if (!source.immediate) await pause(Math.min(waitMs, 1_000));
      return take(await source.mailsTo(to, mark));
    },
    async release() {
      if (read.size > 0 && source.remove) await source.remove([...read]);
      read.clear();
    },
  };
}

/** Marks every mail a list holds: the simplest mark, for sources that list all they keep. */
export async function markOf(all: () => Promise<StoredMail[]>): Promise<MailMark> {
  return { seen: new Set((await all()).map((mail) => mail.id)) };
}

export const addressed = (mail: { to: string[] }, address: string) => mail.to.includes(address.toLowerCase());
