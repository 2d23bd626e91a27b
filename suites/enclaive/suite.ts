import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The enclaive target, its seeded account and the helpers its rules share. */
import { beforeAll } from 'vitest';
import type { components } from '../../specs/generated/enclaive.d.ts';
import type { Mailbox } from '../harness/mailbox/mailbox.ts';
import { tokenInMail } from '../harness/mailbox/mailed-token.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer, type HttpResponse } from '../harness/http.ts';
import { decodeJwt, decodeProtectedHeader, signHs256 } from '../harness/jwt.ts';
import { runId } from '../harness/run-id.ts';

export type Schemas = components['schemas'];

/** The seeded users (README); `ENCLAIVE_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.enclaive;

export const enclaive = conformanceSuite('enclaive', SEEDED_ACCOUNTS);
export const { rule, spec, http } = enclaive;

export const STRONG_PASSWORD = 'Sturdy-pass-1';
export const NEW_PASSWORD = 'Another-pass-2';

export function startFromSeed(): void {
  beforeAll(async () => {
    await (await enclaive.findControlPlane())?.reset();
  });
}

let addresses = 0;
/** An address no account has yet; it carries the run id, so what a run leaves behind can be told apart. */
export function freshEmail(label = 'user'): string {
  return `${label}-${runId()}-${process.pid}-${Date.now().toString(36)}-${++addresses}@example.test`;
}

export function register(email: string, password = STRONG_PASSWORD, name = 'Conformance User') {
  return http.post('/api/register', { json: { email, password, name } });
}

export function login(email: string, password: string) {
  return http.post('/api/login', { json: { email, password } });
}

export function tokensOf(response: HttpResponse): Schemas['Tokens'] {
  return response.json<Schemas['Tokens']>();
}

export async function seededUserToken(t: RuleContext): Promise<string> {
  const response = await t.signIn('user', (account) => login(account.username, account.password), 201);
  return tokensOf(response).userToken;
}

/** The token of the next mail to `email` (the one the call just made caused); a mail without one fails. */
export async function mailedToken(mailbox: Mailbox, email: string, what: string): Promise<string> {
  const mail = await mailbox.nextMailTo(email, what);
  const token = tokenInMail(mail);
  if (!token) throw new Error(`${what} to ${email} reached ${mailbox.name} but holds no token: no link parameter, path segment or code in its text`);
  return token;
}

/** The verification token of the next confirmation mail. */
export function verificationToken(mailbox: Mailbox, email: string): Promise<string> {
  return mailedToken(mailbox, email, 'a confirmation mail');
}

/** The reset token of the next reset mail. */
export function resetToken(mailbox: Mailbox, email: string): Promise<string> {
  return mailedToken(mailbox, email, 'a reset mail');
}

/** Registers and verifies a new account through the outbox; returns its address and tokens. */
export async function verifiedAccount(t: RuleContext): Promise<{ email: string; tokens: Schemas['Tokens'] }> {
  const mailbox = await t.mailbox();
  const email = freshEmail('verified');
  expectStatus(await register(email), ...CREATED);
  const verified = await http.get(`/api/verify-email/${encodeURIComponent(await verificationToken(mailbox, email))}`);
  expectStatus(verified, ...ANSWERED);
  return { email, tokens: tokensOf(verified) };
}

export const withToken = (token: string) => ({ headers: bearer(token) });

/** A JSON API's answer: enclaive publishes no error shape, so nothing is checked of it beyond being JSON. */
function expectJsonBody(response: HttpResponse): void {
  response.json();
}

/**
 * A refused bearer credential. enclaive publishes no status and no error shape for it: 401 or 403,
 * with a JSON body.
 */
export function expectRefused(response: HttpResponse): void {
  expectStatus(response, 401, 403);
  expectJsonBody(response);
}

/** Refused login credentials: no status is published; 400, 401 or 403, with a JSON body and no tokens. */
export function expectLoginRefused(response: HttpResponse): void {
  expectStatus(response, 400, 401, 403);
  expectJsonBody(response);
}

/** Input the document marks required is missing, or is unusable: 400 or 422 (none is published), with a JSON body. */
export function expectBadInput(response: HttpResponse): void {
  expectStatus(response, 400, 422);
  expectJsonBody(response);
}

/** A mailed token that is unknown, used or expired: any reasonable client error, with a JSON body. */
export function expectTokenRefused(response: HttpResponse): void {
  expectStatus(response, 400, 401, 403, 404, 409, 410, 422);
  expectJsonBody(response);
}

/** POST answers: the vendor clients (docs/sources.md) fix 201 for login only; other creations may answer 200 or 201. */
export const CREATED = [200, 201] as const;
/** GET answers carrying a result: the document gives the bodies, not the status. */
export const ANSWERED = [200] as const;

/** The id of a team object: the vendor names none; `_id` (as on projects) or `id`. */
export function teamIdOf(team: unknown): string | undefined {
  const { _id, id } = (team ?? {}) as { _id?: unknown; id?: unknown };
  return typeof _id === 'string' ? _id : typeof id === 'string' ? id : undefined;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * `token` as it will be `seconds` from now: the mock's clock moves ahead (reset after the rule), or,
 * on a server without a control plane, the JWT is re-signed with the operator's secret with its
 * iat and exp moved back by `seconds`. Skips when neither can be done, saying what to configure.
 */
export async function agedBy(t: RuleContext, token: string, seconds: number): Promise<string> {
  const control = await t.findControlPlane();
  if (control) {
    await control.advanceClock(seconds);
    return token;
  }
  if (token.split('.').length !== 3) {
    return t.skip('needs-control-plane', 'the token is not a JWT, so only a server clock moved ahead (a mock control plane) can age it');
  }
  const secret = t.jwtSecret();
  const claims = decodeJwt(token);
  const iat = typeof claims.iat === 'number' ? claims.iat : nowSeconds();
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  return signHs256({ ...claims, iat: iat - seconds, ...(exp === undefined ? {} : { exp: exp - seconds }) }, secret, decodeProtectedHeader(token).kid);
}

/** How long a JWT lives by its own claims (exp - iat, or exp - now without iat). */
export function lifetimeOf(token: string): number {
  const { iat, exp } = decodeJwt(token);
  return (exp as number) - (typeof iat === 'number' ? iat : nowSeconds());
}

/**
 * forgot-passsword and reset-passsword with the Authorization header the document marks required
 * ("Authorization* String Bearer Token"); a server that does not need it accepts it all the same.
 */
export function forgotPassword(email: string, token: string) {
  return http.post('/api/forgot-passsword', { ...withToken(token), json: { email } });
}

export function resetPassword(resetTokenValue: string, newPassword: string, token: string) {
  return http.post('/api/reset-passsword', { ...withToken(token), json: { token: resetTokenValue, newPassword } });
}
