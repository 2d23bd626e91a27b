/**
 * The context every rule body gets: the target, its HTTP client, spec assertions, and helpers that
 * skip the rule with a printed reason when the target cannot give what it needs.
 */
import type { TestContext } from 'vitest';
import type { ApiName } from '../../specs/apis.ts';
import { ControlPlane } from './control-plane.ts';
import { expectStatus } from './expect-http.ts';
import { HttpClient, type HttpResponse } from './http.ts';
import { ViolationRecorder } from './prism-violations.ts';
import { ruleFactory } from './rule.ts';
import { SpecAssertions } from './spec-assert.ts';
import { resolveTarget, type Account, type Target } from './target.ts';

export interface RuleContext {
  target: Target;
  http: HttpClient;
  spec: SpecAssertions;
  /** Stops the rule as skipped, with the reason shown in the report. */
  skip(reason: string): never;
  /** The target's control plane, or a skip when it has none. */
  controlPlane(): Promise<ControlPlane>;
  /** Passes when the rule may change state: always on a mock, elsewhere only when allowed. */
  requireMutation(): Promise<void>;
  /** Skips the rule when its calls go through a Prism proxy that would answer them itself. */
  notThroughPrism(why: string): void;
  /** Credentials for a role, or a skip when none are known. */
  account(role: string): Account;
  /** The HS256 secret of the target, or a skip when it was not shared. */
  jwtSecret(): string;
  /**
   * Logs a role in through `send`, expecting `successStatus` (200 unless the API says otherwise).
   * Seeded defaults that a non-mock target rejects skip the rule (that server has other users);
   * configured credentials, or any on a mock, must work.
   */
  signIn(role: string, send: (account: Account) => Promise<HttpResponse>, successStatus?: number): Promise<HttpResponse>;
}

export interface ConformanceSuite {
  target: Target;
  http: HttpClient;
  spec: SpecAssertions;
  rule: ReturnType<typeof ruleFactory<RuleContext>>;
  /** The control plane when the target has one (cached), for hooks such as a reset. */
  findControlPlane(): Promise<ControlPlane | undefined>;
  /** A rule context for this target inside any test, e.g. a cross-API rule. */
  contextFor(test: TestContext): RuleContext;
}

export function conformanceSuite(
  api: ApiName,
  envPrefix: string,
  defaultAccounts: Record<string, { username: string; password: string }>,
): ConformanceSuite {
  const target = resolveTarget(api, envPrefix, defaultAccounts);
  const violations = target.behindPrism ? new ViolationRecorder() : undefined;
  const http = new HttpClient(target.baseUrl, violations && ((response) => violations.record(response)));
  const spec = new SpecAssertions(api);
  let detection: Promise<ControlPlane | undefined> | undefined;
  const findControlPlane = () => (detection ??= ControlPlane.detect(http));

  const makeContext = (test: TestContext): RuleContext => {
    violations?.enter(test.task.meta);
    const skip = (reason: string): never => test.skip(reason);
    return {
      target,
      http,
      spec,
      skip,
      async controlPlane() {
        return (await findControlPlane()) ?? skip(`needs the mock control plane (GET ${target.baseUrl}/__mock/health did not answer)`);
      },
      async requireMutation() {
        if (target.mutationAllowed || (await findControlPlane())) return;
        skip('changes server state: set CONFORMANCE_ALLOW_MUTATION=1 to run it against a non-mock target');
      },
      notThroughPrism(why) {
        if (target.behindPrism) skip(`not checkable through Prism: ${why}`);
      },
      account(role) {
        return (
          target.account(role) ??
          skip(`needs a ${role} account: set ${envPrefix}_${role.toUpperCase()}_USERNAME and ${envPrefix}_${role.toUpperCase()}_PASSWORD`)
        );
      },
      jwtSecret() {
        return target.jwtSecret ?? skip(`needs the token signing secret: set ${envPrefix}_JWT_SECRET`);
      },
      async signIn(role, send, successStatus = 200) {
        const account = this.account(role);
        const response = await send(account);
        if (response.status !== successStatus && !account.configured && !(await findControlPlane())) {
          skip(`the seeded ${role} account is not on this target: set ${envPrefix}_${role.toUpperCase()}_USERNAME and _PASSWORD`);
        }
        expectStatus(response, successStatus);
        return response;
      },
    };
  };

  return { target, http, spec, rule: ruleFactory(api, makeContext), findControlPlane, contextFor: makeContext };
}
