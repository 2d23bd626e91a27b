/** The suites' HTTP client on undici: one call, one plain response record that failure messages can quote. */
import { request, type FormData } from 'undici';

export interface SendOptions {
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** A raw body, sent as is with `contentType`; a FormData goes as multipart with its own boundary. */
  body?: string | FormData;
  contentType?: string;
}

export interface HttpResponse {
  /** "POST /auth/login", for failure messages. */
  request: string;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON; throws with the request named when it is not JSON. */
  json<T = unknown>(): T;
}

/** Sees every response, e.g. to collect the violations a Prism proxy marked in it. */
export type ResponseObserver = (response: HttpResponse) => void;

export class HttpClient {
  /**
   * `baseUrl` may be given as a function, called at the first request: a suite's client exists
   * before its target is known, and a run that never calls that API never resolves it.
   */
  constructor(
    private readonly base: string | (() => string),
    private readonly observe?: ResponseObserver,
  ) {}

  get baseUrl(): string {
    return typeof this.base === 'string' ? this.base : this.base();
  }

  async send(method: string, path: string, options: SendOptions = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | FormData | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.form !== undefined) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    const response = await request(urlOf(this.baseUrl, path), { method: method as 'GET', headers, body });
    const text = await response.body.text();
    const label = `${method} ${path.split('?')[0]}`;
    const record: HttpResponse = {
      request: label,
      status: response.statusCode,
      headers: Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value ?? '')]),
      ),
      text,
      json<T>() {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new Error(`${label}: expected a JSON body, got ${JSON.stringify(text.slice(0, 200))}`);
        }
      },
    };
    this.observe?.(record);
    return record;
  }

  get(path: string, options?: SendOptions) {
    return this.send('GET', path, options);
  }

  post(path: string, options?: SendOptions) {
    return this.send('POST', path, options);
  }

  put(path: string, options?: SendOptions) {
    return this.send('PUT', path, options);
  }

  delete(path: string, options?: SendOptions) {
    return this.send('DELETE', path, options);
  }
}

/**
 * A path below the base URL, which may itself carry a path (a server behind a gateway at
 * https://gw.example/vinmake): `new URL('/auth/login', base)` would drop that prefix.
 */
export function urlOf(baseUrl: string, path: string): URL {
  return new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
}

/** GET and HEAD carry no body (proxies such as Prism refuse to forward one). */
export function bodyless(method: string): boolean {
  return ['GET', 'HEAD'].includes(method.toUpperCase());
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
