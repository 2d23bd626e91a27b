/** What the dashboard shows of VinMake: users with their role (and client record), API keys without secrets. */
import type { MockStateView } from '../../core/control-plane.ts';
import { SEED_USERS } from './seed.ts';
import type { VinmakeState } from './state.ts';

const SEEDED = new Set(SEED_USERS.map((user) => user.id));

export function describeVinmake(state: VinmakeState): MockStateView {
  return {
    users: state.users.all().map((user) => ({
      id: user.id,
      login: user.email,
      roles: [user.clientId ? `${user.role} of ${state.clients.get(user.clientId)?.name ?? user.clientId}` : user.role],
      seeded: SEEDED.has(user.id),
    })),
    apiKeys: state.apiKeys.all().map((key) => ({
      id: key.id,
      name: key.name,
      owner: state.users.get(key.createdBy)?.email ?? key.createdBy,
      scopes: key.scopes,
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      revoked: key.revokedAt !== null,
    })),
  };
}
