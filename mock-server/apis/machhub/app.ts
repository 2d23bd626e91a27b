/** Builds the MACHHUB mock: an Express app over seeded state; starting a server happens elsewhere. */
import { loadSpec } from '../../../specs/apis.ts';
import { describeMachhub } from './dashboard.ts';
import type { JWK } from 'jose';
import { createIssuer } from '../../core/issuer.ts';
import { withFaults } from '../../core/seams.ts';
import { issuerWithFaults } from '../../core/token-faults.ts';
import type { MockInstance, MockOptions } from '../../core/mock-api.ts';
import { createMockApp, createMockServices } from '../../core/mock-app.ts';
import { SpecValidator } from '../../core/validation.ts';
import type { MachhubContext } from './context.ts';
import { correlationId } from './correlation.ts';
import { MACHHUB_ERRORS, machhubErrorWriter } from './errors.ts';
import { MACHHUB_FAULTS, MACHHUB_FAULT_CATALOG, MACHHUB_TOKEN_FAULTS } from './faults.ts';
import { MACHHUB_SEAMS } from './seams.ts';
import { MACHHUB_VARIANT_CATALOG } from './variants.ts';
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
  const services = createMockServices(MACHHUB_FAULT_CATALOG, options.faults, MACHHUB_VARIANT_CATALOG, options.variants, options.mailRelay);
  const context: MachhubContext = {
    ...services,
    state: await createSeededState(),
    // EdDSA (Ed25519) with a kid, its public half at /.well-known/jwks.json: a new key pair per
    // start, or the private JWK in MACHHUB_SIGNING_JWK (how a state file keeps tokens valid).
    issuer: issuerWithFaults(
      await createIssuer({
        key: { alg: 'EdDSA', privateJwk: signingJwkFrom(env.MACHHUB_SIGNING_JWK) },
        issuer: env.MACHHUB_JWT_ISSUER || DEFAULT_TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
        clock: services.clock,
      }),
      services.faults,
      MACHHUB_TOKEN_FAULTS,
    ),
    validator: new SpecValidator(loadSpec('machhub')),
    seams: withFaults(MACHHUB_SEAMS, services.faults, Object.values(MACHHUB_FAULTS)),
  };

  const app = createMockApp({
    logger: options.logger,
    onStateChange: options.onStateChange,
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
      describe: () => describeMachhub(context.state),
    },
    // Public auth routes first, the data plane's catch-all record route last.
    routers: [authRoutes(context), permissionRoutes(context), adminRoutes(context), apiKeyRoutes(context), dataRoutes(context)],
    notFound: MACHHUB_ERRORS.notFound,
    internalError: MACHHUB_ERRORS.internal,
    spec: context.validator.spec,
    errorWriter: machhubErrorWriter(options.logger, context.seams.sendErrorText, services.variants),
  });

  return {
    app,
    state: () => context.state,
    seededAccounts: SEED_USERS.map((user) => ({
      login: user.username,
      password: user.password,
      role: SEED_GROUPS.find((group) => group.members.includes(user.id))?.name ?? 'no group',
    })),
  };
}

function signingJwkFrom(value: string | undefined): JWK | undefined {
  if (!value) return undefined;
  try {
    const jwk = JSON.parse(value) as JWK;
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.d === 'string') return jwk;
  } catch {
    // Reported below.
  }
  throw new Error('MACHHUB_SIGNING_JWK must be an Ed25519 private key as a JWK (kty OKP, crv Ed25519, with d)');
}
