import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The enclaive target, its seeded account and the helpers its rules share. */
import { beforeAll, expect } from 'vitest';
import type { components } from '../../specs/generated/enclaive.d.ts';
import type { ControlPlane } from '../harness/control-plane.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer, type HttpResponse } from '../harness/http.ts';

export type Schemas = components['schemas'];

/** The seeded users of DESIGN.md; `ENCLAIVE_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.enclaive;

export const enclaive = conformanceSuite('enclaive', 'ENCLAIVE', SEEDED_ACCOUNTS);
export const { rule, spec, http } = enclaive;

export const STRONG_PASSWORD = 'Sturdy-pass-1';
export const NEW_PASSWORD = 'Another-pass-2';

export function startFromSeed(): void {
  beforeAll(async () => {
    await (await enclaive.findControlPlane())?.reset();
  });
}

let addresses = 0;
/** An address no account has yet. */
export function freshEmail(label = 'user'): string {
  return `${label}-${process.pid}-${Date.now()}-${++addresses}@example.test`;
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

/** The single link of the newest mail to `to` that contains `marker`. */
export async function mailedLink(control: ControlPlane, to: string, marker: string): Promise<string> {
  const mails = await control.outbox(to);
  const link = mails.flatMap((mail) => mail.links).reverse().find((candidate) => candidate.includes(marker));
  if (!link) throw new Error(`no mail to ${to} holds a link with ${marker}`);
  return link;
}

/** The verification token of the newest confirmation mail. */
export async function verificationToken(control: ControlPlane, email: string): Promise<string> {
  const link = await mailedLink(control, email, '/api/verify-email/');
  return decodeURIComponent(link.split('/api/verify-email/')[1] ?? '');
}

/** The reset token of the newest reset mail. */
export async function resetToken(control: ControlPlane, email: string): Promise<string> {
  return new URL(await mailedLink(control, email, 'token=')).searchParams.get('token') ?? '';
}

/** Registers and verifies a new account through the outbox; returns its address and tokens. */
export async function verifiedAccount(t: RuleContext): Promise<{ email: string; tokens: Schemas['Tokens'] }> {
  const control = await t.mailbox();
  const email = freshEmail('verified');
  expectStatus(await register(email), 201);
  const verified = await http.get(`/api/verify-email/${encodeURIComponent(await verificationToken(control, email))}`);
  expectStatus(verified, 200);
  return { email, tokens: tokensOf(verified) };
}

export const withToken = (token: string) => ({ headers: bearer(token) });

/** The enclaive (NestJS) error shape, with the status repeated in the body. */
export function expectError(response: HttpResponse, status: number): void {
  expectStatus(response, status);
  const body = response.json<{ statusCode: unknown; message: unknown; error: unknown }>();
  expect(body.statusCode).toBe(status);
  expect(typeof body.error).toBe('string');
  expect(typeof body.message === 'string' || Array.isArray(body.message)).toBe(true);
}
