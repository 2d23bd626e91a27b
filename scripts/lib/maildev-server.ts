/**
 * A real MailDev (npm `maildev`) on 127.0.0.1, for checks that send mail through SMTP to a mail
 * catcher and read it back through the catcher's HTTP API, as a team's staging set-up does.
 */
import { MailDev } from 'maildev';
import { request } from 'undici';
import { freePort } from '../../suites/harness/free-port.ts';

export interface StartedMailDev {
  smtpPort: number;
  /** The web and API address: what `--mailbox-url` takes. */
  url: string;
  /** How many mails it holds now. */
  count(): Promise<number>;
  stop(): Promise<void>;
}

export async function startMailDev(): Promise<StartedMailDev> {
  const smtpPort = await freePort();
  const webPort = await freePort();
  const maildev = new MailDev({ smtp: smtpPort, web: webPort, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
  await maildev.start();
  const url = `http://127.0.0.1:${webPort}`;
  return {
    smtpPort,
    url,
    async count() {
      const response = await request(`${url}/api/email`);
      return ((await response.body.json()) as unknown[]).length;
    },
    stop: () => maildev.stop(),
  };
}
