/** Builds the MACHHUB mock: an Express app over seeded state; starting a server happens elsewhere. */
import { loadSpec } from '../../../specs/apis.ts';
import { createIssuer } from '../../core/issuer.ts';
import type { MockInstance, MockOptions } from '../../core/mock-api.ts';
import { createMockApp, createMockServices } from '../../core/mock-app.ts';
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
  const services = createMockServices(MACHHUB_FAULT_CATALOG, options.faults);
  const context: MachhubContext = {
    ...services,
    state: await createSeededState(),
    // EdDSA (Ed25519) with a kid; a new key pair per start, its public half at /.well-known/jwks.json.
    issuer: await createIssuer({
      key: { alg: 'EdDSA' },
      issuer: env.MACHHUB_JWT_ISSUER || DEFAULT_TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      clock: services.clock,
      faults: services.faults,
    }),
    validator: new SpecValidator(loadSpec('machhub')),
  };

  const app = createMockApp({
    logger: options.logger,
    // The data plane's filter[field][op][type]=value needs nested query parsing.
    settings: { 'query parser': 'extended' },
    preamble: [correlationId()],
    controls: {
      api: 'machhub',
      ...services,
      reset: async () => {
        context.state = await createSeededState();
      },
      seedUser: (body) => seedUser(context, body),
    },
    // Public auth routes first, the data plane's catch-all record route last.
    routers: [authRoutes(context), permissionRoutes(context), adminRoutes(context), apiKeyRoutes(context), dataRoutes(context)],
    notFound: MACHHUB_ERRORS.notFound,
    errorWriter: machhubErrorWriter(options.logger, services.faults),
  });

  return {
    app,
    seededAccounts: SEED_USERS.map((user) => ({
      login: user.username,
      password: user.password,
      role: SEED_GROUPS.find((group) => group.members.includes(user.id))?.name ?? 'no group',
    })),
  };
}
