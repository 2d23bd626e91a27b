/** The VinMake mock's mutable state, rebuilt from the seed on every reset. */
import type { MailedTokenRecord } from '../../core/mailed-tokens.ts';
import { seedPasswordHash } from '../../core/passwords.ts';
import { Table } from '../../core/store.ts';
import type { Role } from './roles.ts';
import { SEED_CLIENTS, SEED_MATERIALS, SEED_USERS } from './seed.ts';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  clientId: string | null;
}

export interface ClientRecord {
  id: string;
  name: string;
  country: string;
  currency: string;
  maxAccountValue: number;
  createdAt: string;
  updatedAt: string;
}

export interface MaterialRecord {
  id: string;
  clientId: string | null;
  name: string;
  type: string | null;
  unit: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** Public part of the key, `vmk_<8 hex>`, used to find the record. */
  prefix: string;
  /** SHA-256 of the whole key; the key itself is never stored. */
  digest: string;
  scopes: string[];
  rateLimit: number | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface VinmakeState {
  users: Table<UserRecord>;
  clients: Table<ClientRecord>;
  materials: Table<MaterialRecord>;
  apiKeys: Table<ApiKeyRecord>;
  resetTokens: Table<MailedTokenRecord>;
}

export function findUserByEmail(state: VinmakeState, email: string): UserRecord | undefined {
  const wanted = email.trim().toLowerCase();
  return state.users.find((user) => user.email.toLowerCase() === wanted);
}

export async function createSeededState(): Promise<VinmakeState> {
  const users = await Promise.all(
    SEED_USERS.map(async ({ password, ...user }) => ({ ...user, passwordHash: await seedPasswordHash(password) })),
  );
  return {
    users: new Table(users),
    clients: new Table(SEED_CLIENTS.map((client) => ({ ...client }))),
    materials: new Table(SEED_MATERIALS.map((material) => ({ ...material }))),
    apiKeys: new Table<ApiKeyRecord>(),
    resetTokens: new Table<MailedTokenRecord>(),
  };
}
