/**
 * What a Prism validation proxy saw: it forwards every call and lists the spec violations of the
 * request and of the answer in the `sl-violations` response header. Each one is kept in the meta
 * of the rule whose call it was, so reports put it next to that rule's result.
 */
import type { TaskMeta } from 'vitest';
import type { HttpResponse } from './http.ts';

export interface PrismViolation {
  /** "POST /auth/login". */
  request: string;
  /** Request-side violations are expected from rules that send bad input on purpose. */
  side: 'request' | 'response';
  severity: string;
  /** Where in the message, e.g. "response.body.detail". */
  location: string;
  message: string;
}

declare module 'vitest' {
  interface TaskMeta {
    prismViolations?: PrismViolation[];
  }
}

interface HeaderEntry {
  location?: unknown;
  severity?: unknown;
  message?: unknown;
}

/** The violations in one answer's `sl-violations` header; the control plane is not in any spec. */
export function violationsOf(response: HttpResponse): PrismViolation[] {
  const header = response.headers['sl-violations'];
  if (!header || response.request.split(' ')[1]?.startsWith('/__mock')) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(header);
  } catch {
    return [{ request: response.request, side: 'response', severity: 'Error', location: 'sl-violations', message: `unreadable header: ${header.slice(0, 200)}` }];
  }
  if (!Array.isArray(entries)) return [];
  return (entries as HeaderEntry[]).map((entry) => {
    const location = Array.isArray(entry.location) ? entry.location.map(String) : [];
    return {
      request: response.request,
      side: location[0] === 'response' ? 'response' : 'request',
      severity: String(entry.severity ?? 'Error'),
      location: location.join('.'),
      message: String(entry.message ?? ''),
    };
  });
}

/**
 * Collects violations into the meta of the rule that is running. Calls made outside any rule (a
 * file's setup) are held and given to the next rule, so none is lost.
 */
export class ViolationRecorder {
  private current: TaskMeta | undefined;
  private held: PrismViolation[] = [];

  enter(meta: TaskMeta): void {
    this.current = meta;
    if (this.held.length > 0) {
      (meta.prismViolations ??= []).push(...this.held);
      this.held = [];
    }
  }

  record(response: HttpResponse): void {
    const found = violationsOf(response);
    if (found.length === 0) return;
    if (this.current) (this.current.prismViolations ??= []).push(...found);
    else this.held.push(...found);
  }
}

/** Why a rule about bodies that are not JSON cannot run through a Prism proxy. */
export const PRISM_ANSWERS_INVALID_JSON =
  'the proxy answers a body that is not valid JSON itself (400 invalid_json) and never forwards it to the server';

/** Why a rule about deeply nested bodies cannot run through a Prism proxy. */
export const PRISM_FALLS_OVER_ON_DEEP_JSON =
  'the proxy itself goes down on a body nested thousands of levels deep (its request validation recurses), so no answer would be the server\'s';
