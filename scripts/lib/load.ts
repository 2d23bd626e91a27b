/** One bounded autocannon run against 127.0.0.1, reduced to the figures the report shows. */
import autocannon from 'autocannon';
import type { LoadRequest } from './bench-routes.ts';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers outside 2xx, plus connection errors and timeouts: a healthy route has none. */
  failures: number;
  total: number;
}

export async function load(baseUrl: string, call: LoadRequest, options: { seconds: number; connections: number }): Promise<LoadResult> {
  const url = new URL(call.path, baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`load only goes to 127.0.0.1, not ${url.hostname}`);
  const result = await autocannon({
    url: url.toString(),
    method: call.method,
    headers: call.headers,
    body: call.body,
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}
