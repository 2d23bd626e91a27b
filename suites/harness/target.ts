/**
 * Which server a suite checks and with what: `<API>_BASE_URL` or the embedded mock, credentials
 * from `<API>_<ROLE>_USERNAME` / `_PASSWORD` (default: the seeded users of DESIGN.md), and whether
 * mutating rules may run.
 */
import { inject } from 'vitest';

export interface Account {
  username: string;
  password: string;
  /** True when the account came from the environment rather than the seeded defaults. */
  configured: boolean;
}

export interface Target {
  api: string;
  baseUrl: string;
  /** The suite started this mock itself. */
  embedded: boolean;
  /** The secret HS256 tokens are signed with, when the target's operator shared it. */
  jwtSecret: string | undefined;
  /** CONFORMANCE_ALLOW_MUTATION=1 was set. */
  mutationAllowed: boolean;
  account(role: string): Account | undefined;
}

export interface EmbeddedMock {
  url: string;
  jwtSecret?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedMocks: Record<string, EmbeddedMock>;
  }
}

export function resolveTarget(
  api: string,
  envPrefix: string,
  defaults: Record<string, { username: string; password: string }>,
  env: NodeJS.ProcessEnv = process.env,
): Target {
  const explicitUrl = env[`${envPrefix}_BASE_URL`];
  const embedded = explicitUrl ? undefined : inject('embeddedMocks')[api];
  const baseUrl = explicitUrl || embedded?.url;
  if (!baseUrl) throw new Error(`${envPrefix}_BASE_URL is not set and no embedded ${api} mock was started`);
  return {
    api,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    embedded: embedded !== undefined,
    jwtSecret: env[`${envPrefix}_JWT_SECRET`] || embedded?.jwtSecret,
    mutationAllowed: env.CONFORMANCE_ALLOW_MUTATION === '1',
    account(role) {
      const key = `${envPrefix}_${role.toUpperCase()}`;
      const username = env[`${key}_USERNAME`];
      const password = env[`${key}_PASSWORD`];
      if (username && password) return { username, password, configured: true };
      const fallback = defaults[role];
      return fallback && { ...fallback, configured: false };
    },
  };
}
