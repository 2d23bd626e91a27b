/** Builds the MACHHUB mock: an Express app over seeded state; starting a server happens elsewhere. */
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
import { SpecValidator } from '../../core/validation.ts';
import type { MachhubContext } from './context.ts';
import { correlationId } from './correlation.ts';
import { MACHHUB_ERRORS, machhubErrorWriter } from './errors.ts';
import { MACHHUB_FAULT_CATALOG } from './faults.ts';
import { adminRoutes } from './routes/admin.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { authRoutes } from './routes/auth.ts';
import { dataRoutes } from './routes/data.ts';
import { permissionRoutes } from './routes/permissions.ts';
import { seedUser } from './seed-user.ts';
import { SEED_GROUPS, SEED_USERS } from './seed.ts';
import { createSeededState } from './state.ts';
import { DEFAULT_TOKEN_ISSUER, TOKEN_AUDIENCE, TOKEN_LIFETIME_SECONDS } from './token-policy.ts';

export async function createMachhubMock(options: MockOptions): Promise<MockInstance> {
  const env = options.env ?? process.env;
  const clock = new Clock();
  const faults = new FaultSwitches(MACHHUB_FAULT_CATALOG);
  faults.set(options.faults ?? []);
  const context: MachhubContext = {
    state: await createSeededState(),
    clock,
    outbox: new Outbox(clock),
    // EdDSA (Ed25519) with a kid; a new key pair per start, its public half at /.well-known/jwks.json.
    issuer: await createIssuer({
      key: { alg: 'EdDSA' },
      issuer: env.MACHHUB_JWT_ISSUER || DEFAULT_TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      clock,
      faults,
    }),
    validator: new SpecValidator(loadSpec('machhub')),
    faults,
  };

  const app = express();
  app.disable('x-powered-by');
  // The data plane's filter[field][op][type]=value needs nested query parsing.
  app.set('query parser', 'extended');
  app.use(correlationId());
  app.use(requestLogger(options.logger));
  app.use(
    '/__mock',
    createControlPlane({
      api: 'machhub',
      clock,
      outbox: context.outbox,
      faults,
      reset: async () => {
        context.state = await createSeededState();
      },
      seedUser: (body) => seedUser(context, body),
    }),
  );
  // Order matters: public auth routes first, the data plane's catch-all record route last.
  app.use(authRoutes(context));
  app.use(permissionRoutes(context));
  app.use(adminRoutes(context));
  app.use(apiKeyRoutes(context));
  app.use(dataRoutes(context));
  app.use(() => {
    throw httpError(MACHHUB_ERRORS.notFound);
  });
  app.use(machhubErrorWriter(options.logger, faults));

  return {
    app,
    seededAccounts: SEED_USERS.map((user) => ({
      login: user.username,
      password: user.password,
      role: SEED_GROUPS.find((group) => group.members.includes(user.id))?.name ?? 'no group',
    })),
  };
}
