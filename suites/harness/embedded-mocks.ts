/**
 * vitest globalSetup: decides each API's target and hands it to the suites. An API whose
 * `<API>_BASE_URL` is unset gets its mock started on a free 127.0.0.1 port; with
 * CONFORMANCE_VIA_PRISM=1 a Prism validation proxy is put in front of the target, and the suites
 * talk to the proxy. CONFORMANCE_APIS (comma-separated) limits which APIs are prepared.
 * This is the only door from suites to the mock.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { TestProject } from 'vitest/node';
import { faultsFor } from '../../mock-server/core/faults.ts';
import { MOCK_APIS, startMock } from '../../mock-server/registry.ts';
import { startPrism } from './prism-server.ts';
import type { ApiName } from '../../specs/apis.ts';
import type { PreparedMailbox } from './mailbox/select.ts';
import { serveSink } from './mailbox/sink-reader.ts';
import { SmtpSink } from './mailbox/smtp-sink.ts';
import type { PreparedTarget } from './target.ts';

/**
 * With CONFORMANCE_MAILBOX=smtp, an SMTP sink on CONFORMANCE_SMTP_PORT (any free port when unset,
 * which only embedded mocks can be told) and the reader the test workers ask for its mail.
 */
async function startMailbox(closers: Array<() => Promise<void>>): Promise<PreparedMailbox | undefined> {
  if (process.env.CONFORMANCE_MAILBOX !== 'smtp') return undefined;
  const sink = new SmtpSink();
  const smtpPort = await sink.start(Number(process.env.CONFORMANCE_SMTP_PORT ?? 0));
  const reader = await serveSink(sink);
  closers.push(async () => {
    reader.server.close();
    await sink.stop();
  });
  return { kind: 'smtp', readerUrl: reader.url, smtpPort };
}

/** Any HTTP answer will do; a refused connection, an unknown host or a TLS failure stops the run. */
async function expectReachable(title: string, url: string): Promise<void> {
  try {
    const response = await request(url, { method: 'GET', headersTimeout: 15_000, bodyTimeout: 15_000 });
    await response.body.dump();
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(code) ? '; for a private CA set NODE_EXTRA_CA_CERTS to its certificate' : '';
    throw new Error(`cannot reach the ${title} target at ${url} (${code})${hint}: no rule was run`, { cause: error });
  }
}

export default async function prepareTargets(project: TestProject): Promise<() => Promise<void>> {
  const closers: Array<() => Promise<void>> = [];
  const targets: Record<string, PreparedTarget> = {};
  const mailbox = await startMailbox(closers);
  const viaPrism = process.env.CONFORMANCE_VIA_PRISM === '1';
  const wanted = process.env.CONFORMANCE_APIS?.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  try {
    await Promise.all(
      MOCK_APIS.filter((api) => !wanted || wanted.includes(api.name)).map(async (api) => {
        let url = process.env[`${api.envPrefix}_BASE_URL`]?.replace(/\/+$/, '');
        let jwtSecret: string | undefined;
        const embedded = !url;
        // One clear stop for an unreachable target, rather than every rule failing for that one reason.
        if (url) await expectReachable(api.title, url);
        if (!url) {
          // A fresh secret per run, shared with the suite so it can check signatures as an operator would.
          jwtSecret = randomBytes(32).toString('base64url');
          const mock = await startMock(api, {
            port: 0,
            logLevel: process.env.LOG_LEVEL ?? 'silent',
            env: { ...process.env, [`${api.envPrefix}_JWT_SECRET`]: jwtSecret },
            // The kill matrix starts the mock with one bug switched on.
            faults: faultsFor(api.name, process.env.MOCK_FAULTS),
            // The variant matrix starts it making one open choice the other way.
            variants: faultsFor(api.name, process.env.MOCK_VARIANTS),
            // With an SMTP mailbox the mock's mail travels the way a real server's does.
            smtpUrl: mailbox && `smtp://127.0.0.1:${mailbox.smtpPort}`,
          });
          closers.push(() => mock.close());
          url = mock.url;
        }
        let upstreamUrl: string | undefined;
        if (viaPrism) {
          // No --errors: Prism forwards every call and marks what breaks the spec in sl-violations.
          const prism = await startPrism({ mode: 'proxy', api: api.name as ApiName, upstream: url, cors: false, verboseLevel: 'error' });
          closers.push(() => prism.stop());
          upstreamUrl = url;
          url = prism.url;
        }
        targets[api.name] = { url, jwtSecret, embedded, upstreamUrl };
      }),
    );
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    throw error;
  }
  project.provide('conformanceTargets', targets);
  project.provide('conformanceMailbox', mailbox);
  return async () => {
    await Promise.all(closers.map((close) => close()));
  };
}
