/**
 * What the dashboard shows of VNTANA: users with their organization and workspace roles. Personal
 * access tokens are the API's keys; only whether a user has one is shown.
 */
import type { MockStateView } from '../../core/control-plane.ts';
import { SEED_USERS } from './seed.ts';
import type { VntanaState } from './state.ts';

const SEEDED = new Set(SEED_USERS.map((user) => user.uuid));

export function describeVntana(state: VntanaState): MockStateView {
  const nameOf = (uuid: string) => state.organizations.get(uuid)?.name ?? state.workspaces.get(uuid)?.name ?? uuid;
  const users = state.users.all();
  return {
    users: users.map((user) => ({
      id: user.id,
      login: user.email,
      roles: [
        ...Object.entries(user.organizationRoles).map(([uuid, role]) => `${role} in ${nameOf(uuid)}`),
        ...Object.entries(user.workspaceRoles).map(([uuid, role]) => `${role} in ${nameOf(uuid)}`),
      ],
      seeded: SEEDED.has(user.id),
    })),
    apiKeys: users
      .filter((user) => user.patDigest)
      .map((user) => ({ id: `pat:${user.id}`, name: 'personal access token', owner: user.email, scopes: ['as the user'], createdAt: '' })),
  };
}
