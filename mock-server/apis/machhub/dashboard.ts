/** What the dashboard shows of MACHHUB: users with their groups, API keys without secrets. */
import type { MockStateView } from '../../core/control-plane.ts';
import { SEED_USERS } from './seed.ts';
import { groupsOf, type MachhubState } from './state.ts';

const SEEDED = new Set(SEED_USERS.map((user) => user.id));

export function describeMachhub(state: MachhubState): MockStateView {
  return {
    users: state.users.all().map((user) => ({
      id: user.id,
      login: user.username,
      roles: groupsOf(state, user.id).map((group) => `group ${group.name}`),
      seeded: SEEDED.has(user.id),
    })),
    apiKeys: state.apiKeys.all().map((key) => ({
      id: key.id,
      name: key.name,
      owner: state.users.get(key.createdBy)?.username ?? key.createdBy,
      scopes: key.features,
      createdAt: key.createdAt,
      expiresAt: key.expiration,
    })),
  };
}
