/**
 * Which calls each rule made and what they answered: method, path (without its query) and status,
 * kept in the rule's meta and written to results.json, so a report can tell which operation got its
 * success answer and which its refusal from some rule. One log for every API's client: rules run
 * one at a time, and a cross-API rule calls several APIs.
 */
import type { TaskMeta } from 'vitest';
import type { HttpResponse } from './http.ts';
import { redactSecrets } from './redact.ts';

export interface RuleCall {
  api: string;
  method: string;
  path: string;
  status: number;
}

declare module 'vitest' {
  interface TaskMeta {
    calls?: RuleCall[];
  }
}

// A rule that sends a barrage needs no more than this to show which operations it reached.
const MAX_CALLS_PER_RULE = 400;

let current: TaskMeta | undefined;

/** The rule that is running from now on; calls of a file's setup go to the next rule. */
export function enterRule(meta: TaskMeta): void {
  current = meta;
}

export function logCall(api: string, response: HttpResponse): void {
  const [method = '', target = ''] = response.request.split(' ');
  record({ api, method, path: target.split('?')[0] ?? '', status: response.status });
}

/**
 * A page a browser-like client loaded from a mailed link: logged when it lies under the API's base
 * URL, with the path relative to it, as the API's own client logs its calls.
 */
export function logPageCall(api: string, baseUrl: string, method: string, url: string, status: number): void {
  const base = new URL(baseUrl);
  const page = new URL(url);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (page.origin !== base.origin || !page.pathname.startsWith(basePath)) return;
  record({ api, method, path: page.pathname.slice(basePath.length) || '/', status });
}

function record({ api, method, status, ...call }: RuleCall): void {
  if (!current) return;
  // A mailed token may ride in the path (/api/verify-email/<token>): it never reaches a report.
  const path = redactSecrets(call.path);
  const calls = (current.calls ??= []);
  if (calls.length >= MAX_CALLS_PER_RULE) return;
  if (!calls.some((call) => call.api === api && call.method === method && call.path === path && call.status === status)) calls.push({ api, method, path, status });
}
