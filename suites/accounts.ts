/**
 * The seeded users (README), per API and role: what the suites log in with unless
 * `<API>_<ROLE>_USERNAME` / `_PASSWORD` name other accounts. Plain data, so tools can read it too.
 */
import type { ApiName } from '../specs/apis.ts';

export interface AccountDefault {
  username: string;
  password: string;
}

export const SEEDED_ACCOUNTS = {
  vinmake: {
    admin: { username: 'admin@vinmake.test', password: 'admin-pass-1' },
    staff: { username: 'staff@vinmake.test', password: 'staff-pass-1' },
    client: { username: 'client@vinmake.test', password: 'client-pass-1' },
    client2: { username: 'client2@vinmake.test', password: 'client2-pass-1' },
    reset: { username: 'reset@vinmake.test', password: 'reset-pass-1' },
  },
  machhub: {
    admin: { username: 'admin', password: 'admin' },
    operator: { username: 'operator', password: 'operator-pass-1' },
  },
  vntana: {
    owner: { username: 'owner@vntana.test', password: 'owner-pass-1' },
    member: { username: 'member@vntana.test', password: 'member-pass-1' },
  },
  enclaive: {
    user: { username: 'user@enclaive.test', password: 'user-pass-1' },
  },
} as const satisfies Record<ApiName, Record<string, AccountDefault>>;

/**
 * Every role a suite signs in as, per API: the seeded ones (VinMake's `reset` is an account whose
 * password the reset rules change and set back), and MACHHUB's `nogrants` (a user in no group,
 * which the mock has no seed for). A target profile may give credentials for each.
 */
export const ACCOUNT_ROLES = {
  vinmake: ['admin', 'staff', 'client', 'client2', 'reset'],
  machhub: ['admin', 'operator', 'nogrants'],
  vntana: ['owner', 'member'],
  enclaive: ['user'],
} as const;
