/**
 * The typed error every handler throws. It carries what went wrong, not how it looks on the wire:
 * each API's error writer turns it into that vendor's shape.
 */
export interface ValidationIssue {
  /** Where in the input: e.g. ['body', 'password'] or ['query', 'limit']. */
  location: (string | number)[];
  /** A short machine word: missing, string_type, too_long, ... */
  kind: string;
  message: string;
  input?: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** A stable code from the API's catalogue of errors. */
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** An entry of an API's error catalogue. */
export interface ErrorDefinition {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export function httpError(definition: ErrorDefinition, issues: ValidationIssue[] = []): HttpError {
  return new HttpError(definition.status, definition.code, definition.message, definition.headers, issues);
}

/** body-parser marks its failures with a `type`; these are the client's fault, not the server's. */
export function bodyParserFailure(error: unknown): { status: number; type: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string') return { status, type };
  return undefined;
}
