import { PRISM_ANSWERS_INVALID_JSON, PRISM_FALLS_OVER_ON_DEEP_JSON } from '../harness/prism-violations.ts';
import { beforeAll, expect, type TestContext } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import type { HttpResponse } from '../harness/http.ts';
import { NESTING_DEPTH, STACK_TRACE, negativeBodies, type JsonOperation, type MutationKind } from '../harness/negative-bodies.ts';
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

const BAD_INPUT = inferred('no document states how bad input is answered beyond a few named cases; a clear 4xx, never a 5xx, with the server still up, is what a client can handle');

/** The number each API's negative-input rules carry: X-FUZZ<KIND>-00<n>. */
const NUMBER: Record<FuzzTarget['api'], string> = { vinmake: '001', machhub: '002', vntana: '003', enclaive: '004' };

function pathOf(operation: JsonOperation, query: Record<string, string>): string {
  const path = operation.path.replace('{recordId}', 'products:p1').replace(/\{[^}]+\}/g, DUMMY_ID);
  const extra = query[operation.operationId];
  return extra ? `${path}?${extra}` : path;
}

/** Sends every input of a kind and holds each answer to the spec; then checks the server is up. */
async function barrage(
  target: FuzzTarget,
  test: TestContext,
  send: (operation: JsonOperation, headers: Record<string, string>, path: string) => Promise<Array<HttpResponse & { change?: string }>>,
) {
  const label = (response: HttpResponse & { change?: string }) => response.change ?? 'the bad body';
  const t = target.suite.contextFor(test);
  await t.requireMutation();
  const { headers, query } = await target.prepare(t);
  const operations = bodies.get(target.api) ?? [];
  expect(operations.length).toBeGreaterThan(0);
  let sent = 0;
  for (const operation of operations) {
    for (const response of await send(operation, headers, pathOf(operation, query))) {
      sent += 1;
      if (response.status >= 200 && response.status < 300) test.onTestFinished(() => target.removeCreated?.(t, operation.operationId, response));
      if (response.status < 400 || response.status >= 500) {
        throw new Error(`${operation.operationId} (${response.request}) with ${label(response)}: expected a 4xx for invalid input, got ${response.status}`);
      }
      if (STACK_TRACE.test(response.text)) throw new Error(`${operation.operationId} (${response.request}) with ${label(response)}: the answer carries a stack trace or file path`);
      target.suite.spec.expectMatches(operation.operationId, response);
    }
  }
  if (sent === 0) t.skip('not-applicable', `the ${target.api} spec yields no input of this kind`);
  expectStatus(await target.alive(t), 200);
  return sent;
}

function mutationRule(area: string, kind: MutationKind, title: string) {
  for (const target of FUZZ_TARGETS) {
    rule(`X-${area}-${NUMBER[target.api]}`, `${target.api}: ${title}`, BAD_INPUT, async (test) => {
      if (kind === 'deep') target.suite.contextFor(test).notThroughPrism(PRISM_FALLS_OVER_ON_DEEP_JSON);
      await barrage(target, test, async (operation, headers, path) => {
        const responses: Array<HttpResponse & { change?: string }> = [];
        for (const mutation of operation.mutations.filter((candidate) => candidate.kind === kind)) {
          const response = mutation.text === undefined
            ? await target.suite.http.send(operation.method.toUpperCase(), path, { headers, json: mutation.body })
            : await target.suite.http.send(operation.method.toUpperCase(), path, { headers, body: mutation.text, contentType: 'application/json' });
          responses.push({ ...response, change: `the body ${mutation.label}` });
        }
        return responses;
      });
    }, { api: target.api, tags: ['fuzz', 'cross'] });
  }
}

mutationRule('FUZZMISSING', 'missing', 'bodies missing a required field answer a documented 4xx');
mutationRule('FUZZTYPE', 'type', 'bodies with a field of the wrong type answer a documented 4xx');
mutationRule('FUZZLONG', 'long', 'strings past their maxLength answer a documented 4xx');
mutationRule('FUZZDEEP', 'deep', `bodies nested ${NESTING_DEPTH} levels deep answer a documented 4xx`);

for (const target of FUZZ_TARGETS) {
  rule(`X-FUZZCTYPE-${NUMBER[target.api]}`, `${target.api}: a JSON body sent as text/plain answers a documented 4xx`, BAD_INPUT, async (test) => {
    await barrage(target, test, async (operation, headers, path) => [
      { ...(await target.suite.http.send(operation.method.toUpperCase(), path, { headers, body: JSON.stringify(operation.valid), contentType: 'text/plain' })), change: 'a valid body sent as text/plain' },
    ]);
  }, { api: target.api, tags: ['fuzz', 'cross'] });
  rule(`X-FUZZJSON-${NUMBER[target.api]}`, `${target.api}: a body that is not valid JSON answers a documented 4xx`, BAD_INPUT, async (test) => {
    target.suite.contextFor(test).notThroughPrism(PRISM_ANSWERS_INVALID_JSON);
    await barrage(target, test, async (operation, headers, path) => [
      { ...(await target.suite.http.send(operation.method.toUpperCase(), path, { headers, body: '{"truncated": ', contentType: 'application/json' })), change: 'the body {"truncated": ' },
      { ...(await target.suite.http.send(operation.method.toUpperCase(), path, { headers, body: '\u0000\u0001', contentType: 'application/json' })), change: 'a body of control characters' },
    ]);
  }, { api: target.api, tags: ['fuzz', 'cross'] });
}
