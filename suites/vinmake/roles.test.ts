import { expect } from 'vitest';
import { expectHeader, expectStatus } from '../harness/expect-http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { ROLE_OF, expectDetail, getAs, rule, spec, startFromSeed, vinmake, type VinmakeRole } from './suite.ts';

startFromSeed();

const ENDPOINTS = {
  client: { role: 'client', operationId: 'testClientRole' },
  staff: { role: 'staff', operationId: 'testStaffRole' },
  admin: { role: 'admin', operationId: 'testAdminRole' },
} as const;
/** Every caller against every role-test endpoint, each cell with its own id. */
const CELLS: Array<{ id: string; caller: VinmakeRole; endpoint: keyof typeof ENDPOINTS }> = [
  { id: 'VM-ROLE-001', caller: 'client', endpoint: 'client' },
  { id: 'VM-ROLE-002', caller: 'client', endpoint: 'staff' },
  { id: 'VM-ROLE-003', caller: 'client', endpoint: 'admin' },
  { id: 'VM-ROLE-004', caller: 'staff', endpoint: 'client' },
  { id: 'VM-ROLE-005', caller: 'staff', endpoint: 'staff' },
  { id: 'VM-ROLE-006', caller: 'staff', endpoint: 'admin' },
  { id: 'VM-ROLE-007', caller: 'admin', endpoint: 'client' },
  { id: 'VM-ROLE-008', caller: 'admin', endpoint: 'staff' },
  { id: 'VM-ROLE-009', caller: 'admin', endpoint: 'admin' },
];
const CALLER_ROLES: VinmakeRole[] = ['client', 'staff', 'admin'];
const RANK = { client: 0, staff: 1, admin: 2 } as const;
const HIERARCHY = seed('Each endpoint returns 200 OK only if you have the required role level or higher.');
const FORBIDDEN = seed('When you don’t have permission to access a resource: Response (403 Forbidden): { "detail": "Insufficient permissions" }');

for (const { id, caller, endpoint: name } of CELLS) {
  const endpoint = ENDPOINTS[name];
  const allowed = RANK[ROLE_OF[caller]] >= RANK[endpoint.role];
  const title = allowed
    ? `A ${caller} user gets 200 from /auth/test/${endpoint.role}`
    : `A ${caller} user gets 403 with detail "Insufficient permissions" from /auth/test/${endpoint.role}`;
  rule(id, title, allowed ? HIERARCHY : FORBIDDEN, async (t) => {
    const response = await getAs(t, caller, `/auth/test/${endpoint.role}`);
    spec.expectMatches(endpoint.operationId, response);
    if (allowed) expectStatus(response, 200);
    else expectDetail(response, 403, 'Insufficient permissions');
  });
}

rule(
  'VM-ROLE-010',
  'The role-test endpoints answer 401 with detail "Not authenticated" and WWW-Authenticate: Bearer without a token',
  realClients('Current FastAPI answers a missing or non-Bearer credential with 401 {"detail":"Not authenticated"} and WWW-Authenticate: Bearer'),
  async () => {
    for (const endpoint of Object.values(ENDPOINTS)) {
      const response = await vinmake.http.get(`/auth/test/${endpoint.role}`);
      expectDetail(response, 401, 'Not authenticated');
      expectHeader(response, 'www-authenticate', /^Bearer/i);
    }
  },
);

rule(
  'VM-ROLE-011',
  'A 403 does not name the role that was required',
  inferred('the document\'s 403 body is only {"detail":"Insufficient permissions"}; naming the missing role tells a caller which account to go after'),
  async (t) => {
    const response = await getAs(t, 'client', '/auth/test/admin');
    expectStatus(response, 403);
    expect(response.text.toLowerCase()).not.toContain('admin');
  },
);

rule(
  'VM-ROLE-012',
  'A passed role test names the caller\'s role in its body',
  inferred('the document says to use the test endpoints "to verify your authentication and check your role", but names no body field; a field holding the role is what lets a caller check it'),
  async (t) => {
    for (const caller of CALLER_ROLES) {
      const response = await getAs(t, caller, '/auth/test/client');
      expectStatus(response, 200);
      expect(response.text).toContain(`"${ROLE_OF[caller]}"`);
    }
  },
);
