/** Builds the VinMake mock: an Express app over seeded state; starting a server happens elsewhere. */
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
import type { VinmakeContext } from './context.ts';
import { VINMAKE_ERRORS, vinmakeErrorWriter } from './errors.ts';
import { VINMAKE_FAULT_CATALOG } from './faults.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { authRoutes } from './routes/auth.ts';
import { clientRoutes } from './routes/clients.ts';
import { materialRoutes } from './routes/materials.ts';
import { seedUser } from './seed-user.ts';
import { SEED_USERS } from './seed.ts';
import { createSeededState } from './state.ts';
import { ACCESS_TOKEN_LIFETIME_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-policy.ts';


export async function createVinmakeMock(options: MockOptions): Promise<MockInstance> {
  const env = options.env ?? process.env;
  const clock = new Clock();
  const faults = new FaultSwitches(VINMAKE_FAULT_CATALOG);
  faults.set(options.faults ?? []);
  const context: VinmakeContext = {
    state: await createSeededState(),
    clock,
    outbox: new Outbox(clock),
    // Supabase signs HS256 with the project secret; without one configured, each start makes its own.
    issuer: await createIssuer({
      key: { alg: 'HS256', secret: env.VINMAKE_JWT_SECRET || randomToken(32) },
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      lifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
      clock,
      faults,
    }),
    validator: new SpecValidator(loadSpec('vinmake')),
    faults,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestLogger(options.logger));
  app.use(
    '/__mock',
    createControlPlane({
      api: 'vinmake',
      clock,
      outbox: context.outbox,
      faults,
      reset: async () => {
        context.state = await createSeededState();
      },
      seedUser: (body) => seedUser(context, body),
    }),
  );
  app.use(authRoutes(context));
  app.use(apiKeyRoutes(context));
  app.use(clientRoutes(context));
  app.use(materialRoutes(context));
  app.use(() => {
    throw httpError(VINMAKE_ERRORS.notFound);
  });
  app.use(vinmakeErrorWriter(options.logger, faults));

  return {
    app,
    seededAccounts: SEED_USERS.map((user) => ({
      login: user.email,
      password: user.password,
      role: user.role,
      ...(user.clientId ? { note: `client record ${user.clientId}` } : {}),
    })),
  };
}
