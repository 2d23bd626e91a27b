/** The VNTANA mock's mutable state, rebuilt from the seed on every reset. */
import { seedPasswordHash } from '../../core/passwords.ts';
import { sha256 } from '../../core/secrets.ts';
import { Table } from '../../core/store.ts';
import type { OrganizationRole, WorkspaceRole } from './roles.ts';
import { SEED_ORGANIZATIONS, SEED_PRODUCTS, SEED_USERS, SEED_WORKSPACES } from './seed.ts';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  /** SHA-256 of the current personal access token. */
  patDigest: string;
  organizationRoles: Record<string, OrganizationRole>;
  workspaceRoles: Record<string, WorkspaceRole>;
}

export interface OrganizationRecord {
  id: string;
  slug: string;
  name: string;
  imageBlobId: string | null;
  created: string;
}

export interface WorkspaceRecord extends OrganizationRecord {
  organizationUuid: string;
}

export type TokenKind = 'login' | 'organization' | 'workspace';

/**
 * One live organization or workspace token (at most one per user and organization or workspace: a
 * refresh replaces it); the JWT carries its id (jti), so deleting the row revokes the token. Login
 * tokens keep no row: they are revoked by a logout, which lists their jti in loggedOut.
 */
export interface SessionRecord {
  id: string;
  userId: string;
  kind: TokenKind;
  organizationUuid: string | null;
  clientUuid: string | null;
  /** The token's exp (epoch seconds): past it the row is only dead weight. */
  expiresAt: number;
}

export interface ProductRecord {
  id: string;
  clientUuid: string;
  name: string;
  status: 'DRAFT' | 'LIVE_PUBLIC' | 'LIVE_INTERNAL' | 'PROCESSING';
  created: string;
}

export interface VntanaState {
  users: Table<UserRecord>;
  organizations: Table<OrganizationRecord>;
  workspaces: Table<WorkspaceRecord>;
  sessions: Table<SessionRecord>;
  /** Login tokens ended by a logout, kept until they would have expired anyway. */
  loggedOut: Table<{ id: string; expiresAt: number }>;
  products: Table<ProductRecord>;
}

/** The seeded personal access tokens, as configured: `VNTANA_<ROLE>_PAT` or the default. */
export function seededPersonalAccessTokens(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(SEED_USERS.map((user) => [user.uuid, env[`VNTANA_${user.envRole}_PAT`] || user.personalAccessToken]));
}

export async function createSeededState(personalAccessTokens: Record<string, string>): Promise<VntanaState> {
  const users = await Promise.all(
    SEED_USERS.map(async (user) => ({
      id: user.uuid,
      email: user.email,
      passwordHash: await seedPasswordHash(user.password),
      patDigest: sha256(personalAccessTokens[user.uuid] ?? user.personalAccessToken),
      organizationRoles: { ...user.organizationRoles },
      workspaceRoles: { ...user.workspaceRoles },
    })),
  );
  return {
    users: new Table(users),
    organizations: new Table(SEED_ORGANIZATIONS.map(({ uuid, ...organization }) => ({ id: uuid, ...organization }))),
    workspaces: new Table(SEED_WORKSPACES.map(({ uuid, ...workspace }) => ({ id: uuid, ...workspace }))),
    sessions: new Table<SessionRecord>(),
    loggedOut: new Table<{ id: string; expiresAt: number }>(),
    products: new Table(SEED_PRODUCTS.map(({ uuid, ...product }) => ({ id: uuid, ...product }))),
  };
}

export function findUserByEmail(state: VntanaState, email: string): UserRecord | undefined {
  const wanted = email.trim().toLowerCase();
  return state.users.find((user) => user.email.toLowerCase() === wanted);
}
