/** Builds the VNTANA mock: an Express app over seeded state; starting a server happens elsewhere. */
import cors from 'cors';
import { loadSpec } from '../../../specs/apis.ts';
import { describeVntana } from './dashboard.ts';
import { createIssuer } from '../../core/issuer.ts';
import { withFaults } from '../../core/seams.ts';
import { issuerWithFaults } from '../../core/token-faults.ts';
import type { MockInstance, MockOptions } from '../../core/mock-api.ts';
import { createMockApp, createMockServices } from '../../core/mock-app.ts';
import { randomToken } from '../../core/secrets.ts';
import { SpecValidator } from '../../core/validation.ts';
import type { VntanaContext } from './context.ts';
import { VNTANA_ERRORS, vntanaErrorWriter } from './errors.ts';
import { VNTANA_FAULTS, VNTANA_FAULT_CATALOG, VNTANA_TOKEN_FAULTS } from './faults.ts';
import { vntanaSeams } from './seams.ts';
import { VNTANA_VARIANT_CATALOG } from './variants.ts';
import { authRoutes } from './routes/auth.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { productRoutes } from './routes/products.ts';
import { seedUser } from './seed-user.ts';
import { SEED_USERS } from './seed.ts';
import { createSeededState, seededPersonalAccessTokens } from './state.ts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_LIFETIME_SECONDS } from './token-policy.ts';

export async function createVntanaMock(options: MockOptions): Promise<MockInstance> {
  const env = options.env ?? process.env;
  const personalAccessTokens = seededPersonalAccessTokens(env);
  const services = createMockServices(VNTANA_FAULT_CATALOG, options.faults, VNTANA_VARIANT_CATALOG, options.variants, options.mailRelay);
  const context: VntanaContext = {
    ...services,
    state: await createSeededState(personalAccessTokens),
    issuer: issuerWithFaults(
      await createIssuer({
        key: { alg: 'HS256', secret: env.VNTANA_JWT_SECRET || randomToken(32) },
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
        clock: services.clock,
      }),
      services.faults,
      VNTANA_TOKEN_FAULTS,
    ),
    validator: new SpecValidator(loadSpec('vntana')),
    seams: withFaults(vntanaSeams(services.variants), services.faults, Object.values(VNTANA_FAULTS)),
  };

  const app = createMockApp({
    logger: options.logger,
    onStateChange: options.onStateChange,
    preamble: [cors((_req, callback) => callback(null, context.seams.corsOptions()))],
    controls: {
      api: 'vntana',
      ...services,
      reset: async () => {
        context.state = await createSeededState(personalAccessTokens);
      },
      seedUser: (body) => seedUser(context, body),
      describe: () => describeVntana(context.state),
    },
    routers: [authRoutes(context), organizationRoutes(context), productRoutes(context)],
    notFound: VNTANA_ERRORS.notFound,
    internalError: VNTANA_ERRORS.internal,
    spec: context.validator.spec,
    errorWriter: vntanaErrorWriter(options.logger, context.seams.sendError),
  });

  return {
    app,
    state: () => context.state,
    seededAccounts: SEED_USERS.map((user) => ({
      login: user.email,
      password: user.password,
      role: user.envRole.toLowerCase(),
      note: `${Object.values(user.organizationRoles).join(', ')}; personal access token ${personalAccessTokens[user.uuid]}`,
    })),
  };
}
