/**
 * MACHHUB's access matrix from the spec's security facts: every read the spec guards with a
 * permission (`x-required-permission: <feature> <action> <scope>`) refuses a user who is granted
 * nothing. Reads with a path id are left out (a server may answer an unknown id first), and writes
 * to the admin rules, which check that nothing was made.
 */
import { bearer } from '../harness/http.ts';
import { seed } from '../harness/rule.ts';
import { expectNoAccessAnywhere, expectRefused, http, machhub, rule, startFromSeed, tokenOf } from './suite.ts';

startFromSeed();

const PERMISSION = /^\S+ (?:read|read-write) (?:nil|self|domain|all)$/;

rule(
  'MH-MATRIX-001',
  'A user the permission endpoint grants nothing is refused (401 or 403) on every read the spec guards with a permission',
  seed('actions is an array of the granted action verbs (an empty array [] means no access).'),
  async (t) => {
    const token = await tokenOf(t, 'nogrants');
    await expectNoAccessAnywhere(t, token);
    const reads = machhub.spec.operations().filter((operation) => operation.method === 'get' && PERMISSION.test(operation.permission ?? '') && !operation.path.includes('{'));
    const misses: string[] = [];
    for (const operation of reads) {
      const response = await http.get(operation.path, { headers: bearer(token) });
      try {
        expectRefused(response);
      } catch {
        misses.push(`GET ${operation.path} (${operation.permission}): ${response.status}`);
      }
    }
    if (misses.length > 0) throw new Error(`${misses.length} of ${reads.length} guarded reads let a user with no grants through:\n${misses.join('\n')}`);
  },
  { tags: ['matrix'] },
);
