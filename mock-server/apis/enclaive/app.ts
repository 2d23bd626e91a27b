/** Builds the enclaive mock: an Express app over seeded state; starting a server happens elsewhere. */
import { loadSpec } from '../../../specs/apis.ts';
import { describeEnclaive } from './dashboard.ts';
import { createIssuer, type Issuer } from '../../core/issuer.ts';
import { withFaults } from '../../core/seams.ts';
import { issuerWithFaults } from '../../core/token-faults.ts';
import type { MockInstance, MockOptions } from '../../core/mock-api.ts';
import { createMockApp, createMockServices } from '../../core/mock-app.ts';
import { randomToken } from '../../core/secrets.ts';
import { SpecValidator } from '../../core/validation.ts';
import type { EnclaiveContext } from './context.ts';
import { ENCLAIVE_ERRORS, enclaiveErrorWriter } from './errors.ts';
import { ENCLAIVE_FAULTS, ENCLAIVE_FAULT_CATALOG, ENCLAIVE_TOKEN_FAULTS } from './faults.ts';
import { ENCLAIVE_SEAMS } from './seams.ts';
import { ENCLAIVE_VARIANT_CATALOG } from './variants.ts';
import { accountRoutes } from './routes/account.ts';
import { teamRoutes } from './routes/teams.ts';
import { seedUser } from './seed-user.ts';
import { SEED_USER } from './seed.ts';
import { createSeededState } from './state.ts';
import { TOKEN_ISSUER, TOKEN_LIFETIME_SECONDS, USER_TOKEN_AUDIENCE, VAULT_TOKEN_AUDIENCE } from './token-policy.ts';

export async function createEnclaiveMock(options: MockOptions): Promise<MockInstance> {
  const env = options.env ?? process.env;
  const services = createMockServices(ENCLAIVE_FAULT_CATALOG, options.faults, ENCLAIVE_VARIANT_CATALOG, options.variants, options.mailRelay);
  // "JWTs are signed with a secret key": HS256, one secret for both tokens, told apart by audience.
  const key = { alg: 'HS256' as const, secret: env.ENCLAIVE_JWT_SECRET || randomToken(32) };
  const issuerOptions = { key, issuer: TOKEN_ISSUER, lifetimeSeconds: TOKEN_LIFETIME_SECONDS, clock: services.clock };
  const withTokenFaults = (issuer: Issuer) => issuerWithFaults(issuer, services.faults, ENCLAIVE_TOKEN_FAULTS);
  const context: EnclaiveContext = {
    ...services,
    state: await createSeededState(),
    userIssuer: withTokenFaults(await createIssuer({ ...issuerOptions, audience: USER_TOKEN_AUDIENCE })),
    vaultIssuer: withTokenFaults(await createIssuer({ ...issuerOptions, audience: VAULT_TOKEN_AUDIENCE })),
    validator: new SpecValidator(loadSpec('enclaive')),
    registering: new Set(),
    seams: withFaults(ENCLAIVE_SEAMS, services.faults, Object.values(ENCLAIVE_FAULTS)),
  };

  const app = createMockApp({
    logger: options.logger,
    onStateChange: options.onStateChange,
    // NestJS runs on Express, whose JSON answers carry a weak ETag.
    settings: { etag: 'weak' },
    // The verification token rides in the path; keep it out of the logs.
    secretPaths: [/^(\/api\/verify-email\/)[^/]+/],
    controls: {
      api: 'enclaive',
      ...services,
      reset: async () => {
        context.state = await createSeededState();
      },
      seedUser: (body) => seedUser(context, body),
      describe: () => describeEnclaive(context.state),
    },
    routers: [accountRoutes(context), teamRoutes(context)],
    notFound: ENCLAIVE_ERRORS.notFound,
    internalError: ENCLAIVE_ERRORS.internal,
    spec: context.validator.spec,
    errorWriter: enclaiveErrorWriter(options.logger, services.variants),
  });

  return {
    app,
    state: () => context.state,
    seededAccounts: [{ login: SEED_USER.email, password: SEED_USER.password, role: 'user', note: 'verified, default team and project' }],
  };
}
