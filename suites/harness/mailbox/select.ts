/**
 * Which mailbox a run reads: `CONFORMANCE_MAILBOX` (`--mailbox`) with `CONFORMANCE_MAILBOX_URL`
 * (`--mailbox-url`) for a catcher, else the mock's outbox when the target has a control plane.
 * With `smtp` the vitest globalSetup runs the sink and hands its reader's address to the workers.
 */
import { inject } from 'vitest';
import type { ControlPlane } from '../control-plane.ts';
import { maildevSource } from './maildev.ts';
import type { MailSource } from './mailbox.ts';
import { mailpitSource } from './mailpit.ts';
import { outboxSource } from './outbox-source.ts';
import { sinkSource } from './sink-reader.ts';

/** What the globalSetup started for mail, if anything. */
export interface PreparedMailbox {
  kind: 'smtp';
  readerUrl: string;
  smtpPort: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    conformanceMailbox: PreparedMailbox | undefined;
  }
}

export const NO_MAILBOX =
  "reads the mail the server sent: run with --mailbox smtp --smtp-port N and send the server's mail to 127.0.0.1:N, with --mailbox maildev|mailpit --mailbox-url URL where it mails a catcher, or against a mock with its outbox";

export async function mailSourceFor(findControlPlane: () => Promise<ControlPlane | undefined>, env: NodeJS.ProcessEnv = process.env): Promise<MailSource | undefined> {
  const prepared = inject('conformanceMailbox');
  if (prepared?.kind === 'smtp') return sinkSource(prepared.readerUrl, prepared.smtpPort);
  const kind = env.CONFORMANCE_MAILBOX;
  if (kind === 'maildev' || kind === 'mailpit') {
    const url = env.CONFORMANCE_MAILBOX_URL;
    if (!url) throw new Error(`--mailbox ${kind} needs --mailbox-url: the catcher's web address`);
    return kind === 'maildev' ? maildevSource(url) : mailpitSource(url);
  }
  if (kind && kind !== 'mock') return undefined;
  const control = await findControlPlane();
  return control && outboxSource(control);
}
