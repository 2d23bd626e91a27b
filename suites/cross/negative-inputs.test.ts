import { PRISM_ANSWERS_INVALID_JSON } from '../harness/prism-violations.ts';
import { beforeAll, expect, type TestContext } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import type { HttpResponse } from '../harness/http.ts';
import { negativeBodies, type JsonOperation, type MutationKind } from '../harness/negative-bodies.ts';
import { inferred, ruleFactory } from '../harness/rule.ts';
import { FUZZ_TARGETS, type FuzzTarget } from './fuzz-targets.ts';

const rule = ruleFactory('cross', (test: TestContext) => test);
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const bodies = new Map<string, JsonOperation[]>();

beforeAll(async () => {
  for (const target of FUZZ_TARGETS) {
    await (await target.suite.findControlPlane())?.reset();
    bodies.set(target.api, await negativeBodies(target.api));
  }
});

const BAD_INPUT = inferred('bad input gets a clear, documented 4xx in the API\'s own error shape: never a 5xx, never an undocumented status, and the server stays up');

function pathOf(operation: JsonOperation, query: Record<string, string>): string {
  const path = operation.path.replace('{recordId}', 'products:p1').replace(/\{[^}]+\}/g, DUMMY_ID);
  const extra = query[operation.operationId];
  return extra ? `${path}?${extra}` : path;
}

/** Sends every input of a kind and holds each answer to the spec; then checks the server is up. */
async function barrage(target: FuzzTarget, test: TestContext, send: (operation: JsonOperation, headers: Record<string, string>, path: string) => Promise<HttpResponse[]>) {
  const t = target.suite.contextFor(test);
  await t.requireMutation();
  const { headers, query } = await target.prepare(t);
  const operations = bodies.get(target.api) ?? [];
  expect(operations.length).toBeGreaterThan(0);
  let sent = 0;
  for (const operation of operations) {
    for (const response of await send(operation, headers, pathOf(operation, query))) {
      sent += 1;
      if (response.status < 400 || response.status >= 500) {
        throw new Error(`${operation.operationId} (${response.request}): expected a 4xx for invalid input, got ${response.status}`);
      }
      target.suite.spec.expectMatches(operation.operationId, response);
    }
  }
  if (sent === 0) t.skip('not-applicable', `the ${target.api} spec yields no input of this kind`);
  expectStatus(await target.alive(t), 200);
  return sent;
}

function mutationRule(area: string, kind: MutationKind, title: string) {
  for (const [index, target] of FUZZ_TARGETS.entries()) {
    rule(`X-${area}-00${index + 1}`, `${target.api}: ${title}`, BAD_INPUT, async (test) => {
      await barrage(target, test, async (operation, headers, path) => {
        const responses: HttpResponse[] = [];
        for (const mutation of operation.mutations.filter((candidate) => candidate.kind === kind)) {
          responses.push(await target.suite.http.send(operation.method.toUpperCase(), path, { headers, json: mutation.body }));
        }
        return responses;
      });
    });
  }
}

mutationRule('FUZZMISSING', 'missing', 'bodies missing a required field answer a documented 4xx');
mutationRule('FUZZTYPE', 'type', 'bodies with a field of the wrong type answer a documented 4xx');
mutationRule('FUZZLONG', 'long', 'strings past their maxLength answer a documented 4xx');

for (const [index, target] of FUZZ_TARGETS.entries()) {
  rule(`X-FUZZCTYPE-00${index + 1}`, `${target.api}: a JSON body sent as text/plain answers a documented 4xx`, BAD_INPUT, async (test) => {
    await barrage(target, test, async (operation, headers, path) => [
      await target.suite.http.send(operation.method.toUpperCase(), path, { headers, body: JSON.stringify(operation.valid), contentType: 'text/plain' }),
    ]);
  });
  rule(`X-FUZZJSON-00${index + 1}`, `${target.api}: a body that is not valid JSON answers a documented 4xx`, BAD_INPUT, async (test) => {
    target.suite.contextFor(test).notThroughPrism(PRISM_ANSWERS_INVALID_JSON);
    await barrage(target, test, async (operation, headers, path) => [
      await target.suite.http.send(operation.method.toUpperCase(), path, { headers, body: '{"truncated": ', contentType: 'application/json' }),
      await target.suite.http.send(operation.method.toUpperCase(), path, { headers, body: '\u0000\u0001', contentType: 'application/json' }),
    ]);
  });
}
