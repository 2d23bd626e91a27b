/**
 * Which server a suite checks and with what: `<API>_BASE_URL` or the embedded mock, credentials
 * from `<API>_<ROLE>_USERNAME` / `_PASSWORD` (default: the seeded users (README)), and whether
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
  /** Calls go through a Prism validation proxy to this server. */
  behindPrism: string | undefined;
  /** The secret HS256 tokens are signed with, when the target's operator shared it. */
  jwtSecret: string | undefined;
  /** CONFORMANCE_ALLOW_MUTATION=1 or <API>_ALLOW_MUTATION=1 was set. */
  mutationAllowed: boolean;
  account(role: string): Account | undefined;
}

/** What the globalSetup prepared for one API. */
export interface PreparedTarget {
  /** Where the suite sends its calls: the target itself, or the Prism proxy in front of it. */
  url: string;
  /** The secret of an embedded mock. */
  jwtSecret?: string;
  embedded: boolean;
  /** Set when the calls go through a Prism proxy: the server behind it. */
  upstreamUrl?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    conformanceTargets: Record<string, PreparedTarget>;
  }
}

export function resolveTarget(
  api: string,
  envPrefix: string,
  defaults: Record<string, { username: string; password: string }>,
  env: NodeJS.ProcessEnv = process.env,
): Target {
  // Absent when no globalSetup prepared targets (the mutation-testing setup sets <API>_BASE_URL itself).
  const prepared = inject('conformanceTargets')?.[api];
  const baseUrl = prepared?.url ?? env[`${envPrefix}_BASE_URL`];
  if (!baseUrl) throw new Error(`${envPrefix}_BASE_URL is not set and no embedded ${api} mock was started`);
  return {
    api,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    embedded: prepared?.embedded ?? false,
    behindPrism: prepared?.upstreamUrl,
    jwtSecret: env[`${envPrefix}_JWT_SECRET`] || prepared?.jwtSecret,
    mutationAllowed: env.CONFORMANCE_ALLOW_MUTATION === '1' || env[`${envPrefix}_ALLOW_MUTATION`] === '1',
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
