/** The MACHHUB mock's mutable state, rebuilt from the seed on every reset. */
import { seedPasswordHash } from '../../core/passwords.ts';
import { Table } from '../../core/store.ts';
import type { Grant } from './permissions.ts';
import { SEED_GRANTS, SEED_GROUPS, SEED_PRODUCTS, SEED_USERS } from './seed.ts';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
}

export interface GroupRecord {
  id: string;
  name: string;
  /** User ids. */
  members: string[];
}

export interface GrantRecord extends Grant {
  id: string;
  groupId: string;
}

export interface ApiKeyRecord {
  /** The 12-character lookup id inside the key. */
  id: string;
  name: string;
  description: string;
  features: string[];
  expiration: string | null;
  createdAt: string;
  createdBy: string;
  /** SHA-256 of the whole key. */
  digest: string;
}

export interface ProductRecord {
  id: string;
  name: string;
  sku: string | null;
  price: number;
  stock: number;
  category: string | null;
  created_at: string;
  updated_at: string;
}

export interface MachhubState {
  users: Table<UserRecord>;
  groups: Table<GroupRecord>;
  grants: Table<GrantRecord>;
  apiKeys: Table<ApiKeyRecord>;
  products: Table<ProductRecord>;
}

export async function createSeededState(): Promise<MachhubState> {
  const users = await Promise.all(SEED_USERS.map(async ({ password, ...user }) => ({ ...user, passwordHash: await seedPasswordHash(password) })));
  return {
    users: new Table(users),
    groups: new Table(SEED_GROUPS.map((group) => ({ ...group, members: [...group.members] }))),
    grants: new Table(SEED_GRANTS.map((grant) => ({ ...grant }))),
    apiKeys: new Table<ApiKeyRecord>(),
    products: new Table(SEED_PRODUCTS.map((product) => ({ ...product }))),
  };
}

export function findUserByName(state: MachhubState, username: string): UserRecord | undefined {
  return state.users.find((user) => user.username === username);
}

export function findGroup(state: MachhubState, idOrName: string): GroupRecord | undefined {
  return state.groups.get(idOrName) ?? state.groups.find((group) => group.name === idOrName);
}

export function groupsOf(state: MachhubState, userId: string): GroupRecord[] {
  return state.groups.filter((group) => group.members.includes(userId));
}

export function grantsOf(state: MachhubState, userId: string): GrantRecord[] {
  const groupIds = new Set(groupsOf(state, userId).map((group) => group.id));
  return state.grants.filter((grant) => groupIds.has(grant.groupId));
}
