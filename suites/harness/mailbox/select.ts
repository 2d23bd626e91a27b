/**
 * Which mailbox a run reads: `CONFORMANCE_MAILBOX` (`--mailbox`), else the mock's outbox when the
 * target has a control plane. With `smtp` the vitest globalSetup runs the sink and hands its
 * reader's address to the workers.
 */
import { inject } from 'vitest';
import type { ControlPlane } from '../control-plane.ts';
import { fromOutbox, polledMailbox, type Mailbox } from './mailbox.ts';
import { readSink } from './sink-reader.ts';

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
  "reads the mail the server sent: run with --mailbox smtp --smtp-port N and send the server's mail to 127.0.0.1:N, or against a mock with its outbox";

export async function mailboxFor(findControlPlane: () => Promise<ControlPlane | undefined>): Promise<Mailbox | undefined> {
  const prepared = inject('conformanceMailbox');
  if (prepared?.kind === 'smtp') return polledMailbox(`the SMTP sink on port ${prepared.smtpPort}`, (to) => readSink(prepared.readerUrl, to), { immediate: false });
  if (process.env.CONFORMANCE_MAILBOX && process.env.CONFORMANCE_MAILBOX !== 'mock') return undefined;
  const control = await findControlPlane();
  if (!control) return undefined;
  return polledMailbox("the mock's outbox", async (to) => (await control.outbox(to)).map(fromOutbox), { immediate: true });
}
