/** Builds the enclaive mock: an Express app over seeded state; starting a server happens elsewhere. */
import express from 'express';
import { loadSpec } from '../../../specs/apis.ts';
import { Clock } from '../../core/clock.ts';
import { createControlPlane } from '../../core/control-plane.ts';
import { httpError } from '../../core/http-error.ts';
import { FaultSwitches } from '../../core/faults.ts';
import { createIssuer } from '../../core/issuer.ts';
import { requestLogger } from '../../core/logging.ts';
import type { MockInstance, MockOptions } from '../../core/mock-api.ts';
import { Outbox } from '../../core/outbox.ts';
import { randomToken } from '../../core/secrets.ts';
import { SpecValidator } from '../../core/validation.ts';
import type { EnclaiveContext } from './context.ts';
import { ENCLAIVE_ERRORS, enclaiveErrorWriter } from './errors.ts';
import { ENCLAIVE_FAULT_CATALOG } from './faults.ts';
import { accountRoutes } from './routes/account.ts';
import { teamRoutes } from './routes/teams.ts';
import { seedUser } from './seed-user.ts';
import { SEED_USER } from './seed.ts';
import { createSeededState } from './state.ts';
import { TOKEN_ISSUER, TOKEN_LIFETIME_SECONDS, USER_TOKEN_AUDIENCE, VAULT_TOKEN_AUDIENCE } from './token-policy.ts';

export async function createEnclaiveMock(options: MockOptions): Promise<MockInstance> {
  const env = options.env ?? process.env;
  const clock = new Clock();
  const faults = new FaultSwitches(ENCLAIVE_FAULT_CATALOG);
  faults.set(options.faults ?? []);
  // "JWTs are signed with a secret key": HS256, one secret for both tokens, told apart by audience.
  const key = { alg: 'HS256' as const, secret: env.ENCLAIVE_JWT_SECRET || randomToken(32) };
  const issuerOptions = { key, issuer: TOKEN_ISSUER, lifetimeSeconds: TOKEN_LIFETIME_SECONDS, clock, faults };
  const context: EnclaiveContext = {
    state: await createSeededState(),
    clock,
    outbox: new Outbox(clock),
    userIssuer: await createIssuer({ ...issuerOptions, audience: USER_TOKEN_AUDIENCE }),
    vaultIssuer: await createIssuer({ ...issuerOptions, audience: VAULT_TOKEN_AUDIENCE }),
    validator: new SpecValidator(loadSpec('enclaive')),
    faults,
    registering: new Set(),
  };

  const app = express();
  app.disable('x-powered-by');
  // The verification token rides in the path; keep it out of the logs.
  app.use(requestLogger(options.logger, { secretPaths: [/^(\/api\/verify-email\/)[^/]+/] }));
  app.use(
    '/__mock',
    createControlPlane({
      api: 'enclaive',
      clock,
      outbox: context.outbox,
      faults,
      reset: async () => {
        context.state = await createSeededState();
      },
      seedUser: (body) => seedUser(context, body),
    }),
  );
  app.use(accountRoutes(context));
  app.use(teamRoutes(context));
  app.use(() => {
    throw httpError(ENCLAIVE_ERRORS.notFound);
  });
  app.use(enclaiveErrorWriter(options.logger, faults));

  return {
    app,
    seededAccounts: [{ login: SEED_USER.email, password: SEED_USER.password, role: 'user', note: 'verified, default team and project' }],
  };
}
