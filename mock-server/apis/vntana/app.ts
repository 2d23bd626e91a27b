/** Builds the VNTANA mock: an Express app over seeded state; starting a server happens elsewhere. */
import cors from 'cors';
import { loadSpec } from '../../../specs/apis.ts';
import type { FaultSwitches } from '../../core/faults.ts';
import { describeVntana } from './dashboard.ts';
import { createIssuer } from '../../core/issuer.ts';
import type { MockInstance, MockOptions } from '../../core/mock-api.ts';
import { createMockApp, createMockServices } from '../../core/mock-app.ts';
import { randomToken } from '../../core/secrets.ts';
import { SpecValidator } from '../../core/validation.ts';
import type { VntanaContext } from './context.ts';
import { VNTANA_ERRORS, vntanaErrorWriter } from './errors.ts';
import { VNTANA_FAULTS, VNTANA_FAULT_CATALOG } from './faults.ts';
import { VNTANA_VARIANT_CATALOG } from './variants.ts';
import { authRoutes } from './routes/auth.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { productRoutes } from './routes/products.ts';
import { seedUser } from './seed-user.ts';
import { SEED_USERS } from './seed.ts';
import { createSeededState, seededPersonalAccessTokens } from './state.ts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_LIFETIME_SECONDS } from './token-policy.ts';

/** Browser clients read the token header and send the custom ones (docs/sources.md). */
function corsFor(faults: FaultSwitches) {
  const options = {
    origin: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'X-AUTH-TOKEN', 'organizationUuid', 'clientUuid'],
    exposedHeaders: ['X-AUTH-TOKEN'],
    maxAge: 600,
  };
  const broken = { ...options, exposedHeaders: [] };
  return cors((_req, callback) => callback(null, faults.on(VNTANA_FAULTS.noCorsExpose.id) ? broken : options));
}

export async function createVntanaMock(options: MockOptions): Promise<MockInstance> {
  const env = options.env ?? process.env;
  const personalAccessTokens = seededPersonalAccessTokens(env);
  const services = createMockServices(VNTANA_FAULT_CATALOG, options.faults, VNTANA_VARIANT_CATALOG, options.variants, options.mailRelay);
  const context: VntanaContext = {
    ...services,
    state: await createSeededState(personalAccessTokens),
    issuer: await createIssuer({
      key: { alg: 'HS256', secret: env.VNTANA_JWT_SECRET || randomToken(32) },
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      clock: services.clock,
      faults: services.faults,
    }),
    validator: new SpecValidator(loadSpec('vntana')),
  };

  const app = createMockApp({
    logger: options.logger,
    onStateChange: options.onStateChange,
    preamble: [corsFor(services.faults)],
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
    errorWriter: vntanaErrorWriter(options.logger, services.faults, services.variants),
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
