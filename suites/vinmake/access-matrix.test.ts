/**
 * VinMake's access matrix by role and key scope, generated from the spec's security facts: every
 * read against each role and each API-key scope, expecting what `x-required-role` and
 * `x-required-scope` say. Writes (create, update, delete) are left to the rules of clients,
 * materials and keys, which clean up after themselves: proving here that a role may write would
 * leave records on the target. The refusal of bad credentials on every operation is the cross
 * matrix's (suites/cross/access-matrix.test.ts).
 */
import { expect } from 'vitest';
import type { RuleContext } from '../harness/conformance.ts';
import { bearer } from '../harness/http.ts';
import { inferred } from '../harness/rule.ts';
import { ROLE_OF, idOf, itemsOf, keyWith, rule, spec, startFromSeed, tokenOf, vinmake, type VinmakeRole } from './suite.ts';

startFromSeed();

const RANK: Record<string, number> = { client: 0, staff: 1, admin: 2 };
const CALLERS: VinmakeRole[] = ['client', 'staff', 'admin'];
const REFUSED = new Set([401, 403]);

type Operation = ReturnType<typeof spec.operations>[number];

/** Reads the spec gives a role to: safe to call with every credential. */
const guardedReads = () => spec.operations().filter((operation) => operation.secured).filter((operation) => operation.method === 'get' && operation.role !== undefined);

/** One cell that did not answer as the spec says, for the rule's message. */
interface Mismatch {
  call: string;
  credential: string;
  expected: string;
  got: number;
}

/**
 * The path of a read with its id taken from the list one level up, as `headers` see that list:
 * a record this caller can see, so a refusal is the operation's and not the record's. Undefined
 * when the list shows this caller nothing.
 */
async function pathFor(t: RuleContext, operation: Operation, headers: Record<string, string>): Promise<string | undefined> {
  const parameter = /\{[^}]+\}$/.exec(operation.path);
  if (!parameter) return operation.path;
  const listPath = operation.path.slice(0, parameter.index - 1);
  const list = await vinmake.http.get(`${listPath}?limit=1`, { headers });
  if (list.status !== 200) return undefined;
  const first = itemsOf(list)[0];
  return first === undefined ? undefined : operation.path.replace(parameter[0], idOf(t, first, listPath.endsWith('clients') ? 'client' : 'material'));
}

/** What each read answered to `headers` against whether the spec lets that credential through. */
async function readsAs(t: RuleContext, credential: string, headers: Record<string, string>, allowed: (operation: Operation) => boolean, seeing: Record<string, string>): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  for (const operation of guardedReads()) {
    const mayPass = allowed(operation);
    // A record the caller may see when it may pass; else one that exists, found by whom may see all.
    const path = await pathFor(t, operation, mayPass ? headers : seeing);
    if (path === undefined) continue;
    const { status } = await vinmake.http.get(path, { headers });
    if (mayPass ? REFUSED.has(status) : status !== 403) {
      mismatches.push({ call: `GET ${path}`, credential, expected: mayPass ? 'neither 401 nor 403' : '403', got: status });
    }
  }
  return mismatches;
}

function expectNoMismatch(mismatches: Mismatch[]): void {
  expect(mismatches.map((m) => `${m.call} with ${m.credential}: expected ${m.expected}, got ${m.got}`)).toEqual([]);
}

rule(
  'VM-MATRIX-001',
  'Each role gets through every read whose x-required-role it meets and 403 on the others',
  inferred('the document ranks the roles ("the required role level or higher") and describes what each may do; which role each read needs is the spec\'s reading of those descriptions'),
  async (t) => {
    const admin = bearer(await tokenOf(t, 'admin'));
    const mismatches: Mismatch[] = [];
    for (const caller of CALLERS) {
      const rank = RANK[ROLE_OF[caller]] ?? -1;
      const headers = bearer(await tokenOf(t, caller));
      mismatches.push(...(await readsAs(t, `a ${caller} token`, headers, (operation) => rank >= (RANK[operation.role ?? ''] ?? Infinity), admin)));
    }
    expectNoMismatch(mismatches);
  },
  { tags: ['matrix'] },
);

rule(
  'VM-MATRIX-002',
  'An API key gets through every read whose x-required-scope it holds and 403 on the others, role-only reads included',
  inferred('"Scoped to specific permissions": which scope each read needs is the spec\'s; a key holds no role, so a read that names no scope is the role\'s alone'),
  async (t) => {
    const admin = bearer(await tokenOf(t, 'admin'));
    const scopes = [...new Set(guardedReads().flatMap((operation) => (operation.scope ? [operation.scope] : [])))];
    const mismatches: Mismatch[] = [];
    for (const scope of scopes) {
      const { key } = await keyWith(t, [scope]);
      mismatches.push(...(await readsAs(t, `a key scoped ${scope}`, { 'x-api-key': key }, (operation) => operation.scope === scope, admin)));
    }
    expectNoMismatch(mismatches);
  },
  { tags: ['matrix'] },
);
