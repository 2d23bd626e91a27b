/** Assertions on HTTP responses whose failures say: which request, what was expected, what came. */
import { AssertionError } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import type { HttpResponse } from './http.ts';
import { redactSecrets } from './redact.ts';

function fail(response: HttpResponse, expected: string, received: string): never {
  // expected and actual ride along, so reports can show them side by side.
  throw new AssertionError({
    message: `${response.request}: expected ${expected}, got ${received}\n  body: ${redactSecrets(response.text.slice(0, 400))}`,
    expected,
    actual: received,
    operator: 'strictEqual',
  });
}

export function expectStatus(response: HttpResponse, ...allowed: number[]): void {
  if (!allowed.includes(response.status)) fail(response, allowed.join(' or '), String(response.status));
}

/** Status and exact JSON body, e.g. 401 {"detail":"Not authenticated"}. */
export function expectJson(response: HttpResponse, status: number, body: unknown): void {
  expectStatus(response, status);
  const received = parseOrUndefined(response.text);
  if (!isDeepStrictEqual(received, body)) fail(response, `body ${JSON.stringify(body)}`, `body ${redactSecrets(response.text.slice(0, 300))}`);
}

export function expectHeader(response: HttpResponse, name: string, value: string | RegExp): void {
  const received = response.headers[name.toLowerCase()];
  const matches = received !== undefined && (typeof value === 'string' ? received === value : value.test(received));
  if (!matches) fail(response, `header ${name}: ${String(value)}`, received === undefined ? `no ${name} header` : `${name}: ${received}`);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Status, a text/plain content type, and the body exactly (string) or matching (RegExp). */
export function expectText(response: HttpResponse, status: number, body?: string | RegExp): void {
  expectStatus(response, status);
  expectHeader(response, 'content-type', /^text\/plain\b/);
  if (body === undefined) return;
  const matches = typeof body === 'string' ? response.text === body : body.test(response.text);
  if (!matches) fail(response, `body ${JSON.stringify(String(body))}`, `body ${JSON.stringify(redactSecrets(response.text.slice(0, 300)))}`);
}

/**
 * Two answers a client must not be able to tell apart (e.g. unknown account vs wrong password):
 * the same status and the very same body.
 */
export function expectSameAnswer(reference: HttpResponse, other: HttpResponse): void {
  if (other.status !== reference.status || other.text !== reference.text) {
    fail(
      other,
      `the answer ${reference.request} gave: ${reference.status} ${redactSecrets(reference.text.slice(0, 200))}`,
      `${other.status} ${redactSecrets(other.text.slice(0, 200))}`,
    );
  }
}
