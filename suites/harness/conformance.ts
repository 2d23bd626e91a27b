/**
 * The context every rule body gets: the target, its HTTP client, spec assertions, the run's id for
 * what it creates, and helpers that skip the rule with a coded reason when the target cannot give
 * what it needs. The target is resolved on first use, so a suite that another API's run imports
 * (the cross-API rules) costs nothing until one of its rules runs.
 */
import type { TestContext } from 'vitest';
import { enterRule, logCall } from './call-log.ts';
import { API_CATALOG, type ApiName } from '../../specs/apis.ts';
import { ControlPlane } from './control-plane.ts';
import { expectStatus } from './expect-http.ts';
import { fixtureFacts, type FixtureFacts } from './fixtures.ts';
import { HttpClient, type HttpResponse } from './http.ts';
import { ViolationRecorder } from './prism-violations.ts';
import { registerSecret } from './redact.ts';
import { mailSourceFor, NO_MAILBOX } from './mailbox/select.ts';
import { openMailbox, type Mailbox, type MailSource } from './mailbox/mailbox.ts';
import { ruleFactory } from './rule.ts';
import { runId } from './run-id.ts';
import { type SkipCode, skipNote } from './skip-codes.ts';
import { SpecAssertions } from './spec-assert.ts';
import { resolveTarget, type Account, type Target } from './target.ts';

export interface RuleContext {
  target: Target;
  http: HttpClient;
  spec: SpecAssertions;
  /** Facts about the target's data that its profile states (which record a client user owns, ...). */
  facts: FixtureFacts;
  /** Stops the rule as skipped, with a code and the reason shown in the report. */
  skip(code: SkipCode, reason: string): never;
  /** The target's control plane, or a skip saying `needs-control-plane` and why. */
  controlPlane(why: string): Promise<ControlPlane>;
  /** Where the rule reads the mail the target sent (see harness/mailbox), or a skip saying `needs-mailbox`. */
  mailbox(): Promise<Mailbox>;
  /** The control plane when the target has one, for rules that can also drive the target otherwise. */
  findControlPlane(): Promise<ControlPlane | undefined>;
  /** Passes when the rule may change state: always on a mock, elsewhere only when allowed. */
  requireMutation(): Promise<void>;
  /** Skips the rule when its calls go through a Prism proxy that would answer them itself. */
  notThroughPrism(why: string): void;
  /** Credentials for a role, or a skip when none are known. */
  account(role: string): Account;
  /** The HS256 secret of the target, or a skip when it was not shared. */
  jwtSecret(): string;
  /** `<prefix>-<run id>`: the name of anything the rule creates on the target. */
  nameFor(prefix: string): string;
  /** Removes what the rule created once the rule is over, whatever its outcome. */
  created(what: string, remove: () => Promise<unknown>): void;
  /**
   * Logs a role in through `send`, expecting `successStatus` (200 unless the API says otherwise).
   * Seeded defaults that a non-mock target rejects skip the rule (that server has other users);
   * configured credentials, or any on a mock, must work.
   */
  signIn(role: string, send: (account: Account) => Promise<HttpResponse>, successStatus?: number): Promise<HttpResponse>;
}

export interface ConformanceSuite {
  readonly api: ApiName;
  readonly target: Target;
  readonly http: HttpClient;
  readonly spec: SpecAssertions;
  rule: ReturnType<typeof ruleFactory<RuleContext>>;
  /** The control plane when the target has one (cached), for hooks such as a reset. */
  findControlPlane(): Promise<ControlPlane | undefined>;
  /** A rule context for this target inside any test, e.g. a cross-API rule. */
  contextFor(test: TestContext): RuleContext;
}

export function conformanceSuite(api: ApiName, defaultAccounts: Record<string, { username: string; password: string }>): ConformanceSuite {
  const { envPrefix } = API_CATALOG[api];
  let wired: { target: Target; violations: ViolationRecorder | undefined } | undefined;
  const wire = () => {
    if (wired) return wired;
    const target = resolveTarget(api, envPrefix, defaultAccounts);
    const violations = target.behindPrism ? new ViolationRecorder() : undefined;
    registerSecret(target.jwtSecret);
    return (wired = { target, violations });
  };
  const http = new HttpClient(
    () => wire().target.baseUrl,
    (response) => {
      logCall(api, response);
      wire().violations?.record(response);
    },
  );
  let spec: SpecAssertions | undefined;
  const specOf = () => (spec ??= new SpecAssertions(api));
  let detection: Promise<ControlPlane | undefined> | undefined;
  const findControlPlane = () => (detection ??= ControlPlane.detect(http));
  let mailSource: Promise<MailSource | undefined> | undefined;
  const findMailSource = () => (mailSource ??= mailSourceFor(findControlPlane));

  const makeContext = (test: TestContext): RuleContext => {
    const { target, violations } = wire();
    violations?.enter(test.task.meta);
    enterRule(test.task.meta);
    const skip = (code: SkipCode, reason: string): never => test.skip(skipNote(code, reason));
    let openedMailbox: Promise<Mailbox> | undefined;
    const account = (role: string): Account => {
      const found = target.account(role);
      if (!found) return skip('needs-account', `needs a ${role} account: set ${envPrefix}_${role.toUpperCase()}_USERNAME and ${envPrefix}_${role.toUpperCase()}_PASSWORD`);
      registerSecret(found.password);
      return found;
    };
    return {
      target,
      http,
      spec: specOf(),
      facts: fixtureFacts(api),
      skip,
      findControlPlane,
      async controlPlane(why) {
        return (await findControlPlane()) ?? skip('needs-control-plane', `${why}; only a mock's control plane (GET /__mock/health) can do that`);
      },
      mailbox() {
        // One view per rule: it sees the mail that arrived after the rule first asked for it.
        return (openedMailbox ??= (async () => {
          const source = (await findMailSource()) ?? skip('needs-mailbox', NO_MAILBOX);
          const mailbox = await openMailbox(source);
          test.onTestFinished(() => mailbox.release());
          return mailbox;
        })());
      },
      async requireMutation() {
        if (target.mutationAllowed || (await findControlPlane())) return;
        skip('needs-mutation', 'changes server state: set CONFORMANCE_ALLOW_MUTATION=1 (or allowMutation: true in the profile) to run it');
      },
      notThroughPrism(why) {
        if (target.behindPrism) skip('not-through-prism', why);
      },
      account,
      jwtSecret() {
        return target.jwtSecret ?? skip('needs-secret', `needs the token signing secret: set ${envPrefix}_JWT_SECRET`);
      },
      nameFor(prefix) {
        return `${prefix}-${runId()}`;
      },
      created(_what, remove) {
        test.onTestFinished(async () => {
          await remove();
        });
      },
      async signIn(role, send, successStatus = 200) {
        const credentials = account(role);
        const response = await send(credentials);
        if (response.status !== successStatus && !credentials.configured && !(await findControlPlane())) {
          skip('needs-account', `the seeded ${role} account is not on this target: set ${envPrefix}_${role.toUpperCase()}_USERNAME and _PASSWORD`);
        }
        expectStatus(response, successStatus);
        return response;
      },
    };
  };

  return {
    api,
    get target() {
      return wire().target;
    },
    http,
    get spec() {
      return specOf();
    },
    rule: ruleFactory(api, makeContext),
    findControlPlane,
    contextFor: makeContext,
  };
}
