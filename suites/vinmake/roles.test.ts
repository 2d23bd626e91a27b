import { expect } from 'vitest';
import { expectJson, expectStatus } from '../harness/expect-http.ts';
import { seed } from '../harness/rule.ts';
import { ROLE_OF, getAs, rule, spec, startFromSeed, vinmake, type Schemas, type VinmakeRole } from './suite.ts';

startFromSeed();

const ENDPOINTS = [
  { role: 'client', operationId: 'testClientRole' },
  { role: 'staff', operationId: 'testStaffRole' },
  { role: 'admin', operationId: 'testAdminRole' },
] as const;
const CALLERS: VinmakeRole[] = ['client', 'staff', 'admin'];
const RANK = { client: 0, staff: 1, admin: 2 } as const;
const HIERARCHY = seed('Each endpoint returns 200 OK only if you have the required role level or higher.');

let number = 1;
for (const caller of CALLERS) {
  for (const endpoint of ENDPOINTS) {
    const allowed = RANK[ROLE_OF[caller]] >= RANK[endpoint.role];
    const id = `VM-ROLE-${String(number++).padStart(3, '0')}`;
    const title = allowed
      ? `A ${caller} user gets 200 from /auth/test/${endpoint.role}`
      : `A ${caller} user gets 403 {"detail":"Insufficient permissions"} from /auth/test/${endpoint.role}`;
    rule(id, title, HIERARCHY, async (t) => {
      const response = await getAs(t, caller, `/auth/test/${endpoint.role}`);
      spec.expectMatches(endpoint.operationId, response);
      if (allowed) {
        expectStatus(response, 200);
        expect(response.json<Schemas['RoleCheck']>().role).toBe(ROLE_OF[caller]);
      } else {
        expectJson(response, 403, { detail: 'Insufficient permissions' });
      }
    });
  }
}

rule(
  'VM-ROLE-010',
  'The role-test endpoints answer 401, not 403, without a token',
  seed('Response (401 Unauthorized): { "detail": "Not authenticated" }'),
  async () => {
    for (const endpoint of ENDPOINTS) {
      expectJson(await vinmake.http.get(`/auth/test/${endpoint.role}`), 401, { detail: 'Not authenticated' });
    }
  },
);

rule(
  'VM-ROLE-011',
  'A 403 does not name the role that was required',
  seed('Response (403 Forbidden): { "detail": "Insufficient permissions" }'),
  async (t) => {
    const response = await getAs(t, 'client', '/auth/test/admin');
    expectStatus(response, 403);
    expect(response.text.toLowerCase()).not.toContain('admin');
  },
);
