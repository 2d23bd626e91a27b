/** Builds the VinMake mock: an Express app over seeded state; starting a server happens elsewhere. */
import { loadSpec } from '../../../specs/apis.ts';
import { describeVinmake } from './dashboard.ts';
import { createIssuer } from '../../core/issuer.ts';
import { withFaults } from '../../core/seams.ts';
import { issuerWithFaults } from '../../core/token-faults.ts';
import type { MockInstance, MockOptions } from '../../core/mock-api.ts';
import { createMockApp, createMockServices } from '../../core/mock-app.ts';
import { randomToken } from '../../core/secrets.ts';
import { SpecValidator } from '../../core/validation.ts';
import type { VinmakeContext } from './context.ts';
import { VINMAKE_ERRORS } from './errors.ts';
import { VINMAKE_FAULTS, VINMAKE_FAULT_CATALOG, VINMAKE_TOKEN_FAULTS } from './faults.ts';
import { vinmakeSeams } from './seams.ts';
import { VINMAKE_VARIANT_CATALOG } from './variants.ts';
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
  const services = createMockServices(VINMAKE_FAULT_CATALOG, options.faults, VINMAKE_VARIANT_CATALOG, options.variants, options.mailRelay);
  const context: VinmakeContext = {
    ...services,
    state: await createSeededState(),
    // Supabase signs HS256 with the project secret; without one configured, each start makes its own.
    issuer: issuerWithFaults(
      await createIssuer({
        key: { alg: 'HS256', secret: env.VINMAKE_JWT_SECRET || randomToken(32) },
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        lifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
        clock: services.clock,
      }),
      services.faults,
      VINMAKE_TOKEN_FAULTS,
    ),
    validator: new SpecValidator(loadSpec('vinmake')),
    seams: withFaults(vinmakeSeams(options.logger), services.faults, Object.values(VINMAKE_FAULTS)),
  };

  const app = createMockApp({
    logger: options.logger,
    onStateChange: options.onStateChange,
    controls: {
      api: 'vinmake',
      ...services,
      reset: async () => {
        context.state = await createSeededState();
      },
      seedUser: (body) => seedUser(context, body),
      describe: () => describeVinmake(context.state),
    },
    routers: [authRoutes(context), apiKeyRoutes(context), clientRoutes(context), materialRoutes(context)],
    notFound: VINMAKE_ERRORS.notFound,
    internalError: VINMAKE_ERRORS.internal,
    spec: context.validator.spec,
    errorWriter: context.seams.writeError,
  });

  return {
    app,
    state: () => context.state,
    seededAccounts: SEED_USERS.map((user) => ({
      login: user.email,
      password: user.password,
      role: user.role,
      ...(user.clientId ? { note: `client record ${user.clientId}` } : {}),
    })),
  };
}
