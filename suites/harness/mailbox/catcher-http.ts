/**
 * Calls to a mail catcher's HTTP API. Credentials may ride in the URL (`http://user:pass@host:1080`,
 * for a catcher behind basic auth); they go in an Authorization header and are never printed.
 */
import { request } from 'undici';
import { registerSecret } from '../redact.ts';

export interface CatcherHttp {
  /** The catcher's URL without credentials, for messages. */
  readonly shownUrl: string;
  json<T>(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T | undefined }>;
}

export function catcherHttp(url: string, product: string): CatcherHttp {
  const parsed = new URL(url);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const pass = decodeURIComponent(parsed.password);
    registerSecret(pass);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  const base = parsed.toString().replace(/\/+$/, '');
  return {
    shownUrl: base,
    async json<T>(method: 'GET' | 'DELETE' | 'POST', path: string, body?: unknown) {
      let response;
      try {
        response = await request(`${base}${path}`, {
          method,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
      } catch (error) {
        throw new Error(`cannot reach ${product} at ${base} (${(error as { code?: string }).code ?? (error as Error).message})`, { cause: error });
      }
      const text = await response.body.text();
      if (response.statusCode === 401) throw new Error(`${product} at ${base} asks for credentials: put them in the mailbox URL (http://user:password@host:port)`);
      let parsedBody: T | undefined;
      try {
        parsedBody = text ? (JSON.parse(text) as T) : undefined;
      } catch {
        parsedBody = undefined;
      }
      return { status: response.statusCode, body: parsedBody };
    },
  };
}
