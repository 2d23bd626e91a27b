/** What the dashboard shows of enclaive: accounts and whether each is verified (enclaive has no API keys). */
import type { MockStateView } from '../../core/control-plane.ts';
import { SEED_USER } from './seed.ts';
import type { EnclaiveState } from './state.ts';

export function describeEnclaive(state: EnclaiveState): MockStateView {
  return {
    users: state.users.all().map((user) => ({
      id: user.id,
      login: user.email,
      roles: ['user'],
      seeded: user.id === SEED_USER.id,
      verified: user.verified,
    })),
    apiKeys: [],
  };
}
