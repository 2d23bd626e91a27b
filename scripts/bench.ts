/**
 * `npm run bench [-- --seconds 10 --connections 10 --soak 120 --out docs/bench.md]`
 * Side by side in one run, all on 127.0.0.1 and each for a bounded time: our mock, `prism mock` of
 * the same spec, and a bare Express route. Each server runs in its own process, so its memory can
 * be read and the load generator does not share its event loop. Writes a markdown report with the
 * targets and whether each was met.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { MOCK_BUNDLE, MOCK_NODE_FLAGS } from '../mock-server/node-flags.ts';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { API_NAMES, type ApiName } from '../specs/apis.ts';
import { findMockApi } from '../mock-server/registry.ts';
import { BENCH_ROUTES, type BenchRoute } from './lib/bench-routes.ts';
import { load, type LoadResult } from './lib/load.ts';
import { freePort } from '../suites/harness/free-port.ts';
import { startPrism } from '../suites/harness/prism-server.ts';
import { startServerProcess, type ServerProcess } from '../suites/harness/server-process.ts';
import { runSuites } from './lib/vitest-run.ts';
import { renderBenchReport, type BenchReport } from './lib/bench-report.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    soak: { type: 'string', default: '120' },
    'startup-runs': { type: 'string', default: '3' },
    'skip-suite': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/bench.md' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('usage: npm run bench -- [--seconds 5] [--rounds 3] [--connections 10] [--soak 120] [--startup-runs 3] [--skip-suite] [--out docs/bench.md]');
  process.exit(0);
}
function positive(name: string, value: string | undefined, max: number): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > max) {
    console.error(`--${name} must be a number above 0 and at most ${max}, got ${value}`);
    process.exit(2);
  }
  return number;
}
const seconds = positive('seconds', values.seconds, 300);
const rounds = positive('rounds', values.rounds, 20);
const connections = positive('connections', values.connections, 1_000);
const soakSeconds = positive('soak', values.soak, 1_800);
const startupRuns = positive('startup-runs', values['startup-runs'], 20);
const NODE_TSX = ['--import', 'tsx'];
const MOCK_ARGS = [...MOCK_NODE_FLAGS, MOCK_BUNDLE];
const SOAK_SAMPLE_SECONDS = 5;

const log = (line: string) => console.log(line);

/** The round with the median throughput, with its own latencies. */
function medianRound(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no rounds measured');
  // A failure in any round counts.
  return { ...median, failures: results.reduce((sum, result) => sum + result.failures, 0) };
}

async function measure(baseUrl: string, route: BenchRoute, real: boolean): Promise<LoadResult> {
  const call = await route.prepare(baseUrl, real);
  await load(baseUrl, call, { seconds: 1, connections }); // warm-up: JIT, connection pools
  return load(baseUrl, call, { seconds, connections });
}

/** All four mocks in one process with default logging, as `npm start` runs them. */
async function startOurMocks(): Promise<{ server: ServerProcess; urls: Record<ApiName, string> }> {
  const ports = Object.fromEntries(await Promise.all(API_NAMES.map(async (api) => [api, await freePort()] as const))) as Record<ApiName, number>;
  const server = await startServerProcess({
    name: 'our mocks',
    command: process.execPath,
    args: [...MOCK_ARGS, ...API_NAMES.flatMap((api) => [`--${api}-port`, String(ports[api])])],
    env: { LOG_LEVEL: 'info' },
    probeUrl: `http://127.0.0.1:${ports.enclaive}/__mock/health`,
  });
  const urls = Object.fromEntries(API_NAMES.map((api) => [api, `http://127.0.0.1:${ports[api]}`])) as Record<ApiName, string>;
  return { server, urls };
}

async function startPrismMock(api: ApiName): Promise<{ server: ServerProcess; url: string }> {
  // Timed to its first HTTP answer, like ours.
  const server = await startPrism({ mode: 'mock', api, errors: true, probe: 'http' });
  return { server, url: server.url };
}

async function startBareExpress(): Promise<{ server: ServerProcess; url: string }> {
  const port = await freePort();
  const server = await startServerProcess({
    name: 'bare express',
    command: process.execPath,
    args: ['scripts/lib/bare-express.mjs', String(port)],
    probeUrl: `http://127.0.0.1:${port}/hello`,
  });
  return { server, url: `http://127.0.0.1:${port}` };
}

/** Median time to first answer over a few cold starts of one API. */
async function startupOf(start: () => Promise<ServerProcess>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < startupRuns; run += 1) {
    const server = await start();
    times.push(server.startupMs);
    await server.stop();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

async function soak(urls: Record<ApiName, string>, server: ServerProcess): Promise<BenchReport['soak']> {
  // A mix that creates state on every call where state can grow: logins, refreshes, reads.
  const mix = BENCH_ROUTES.filter((route) => route.kind !== 'authenticated read' || route.api === 'vinmake');
  const calls = await Promise.all(mix.map(async (route) => ({ route, call: await route.prepare(urls[route.api], true) })));
  const samples: Array<{ second: number; rssMb: number }> = [{ second: 0, rssMb: server.rssMb() }];
  let running = true;
  const sampler = (async () => {
    for (let second = SOAK_SAMPLE_SECONDS; running; second += SOAK_SAMPLE_SECONDS) {
      await delay(SOAK_SAMPLE_SECONDS * 1_000);
      if (running) samples.push({ second, rssMb: server.rssMb() });
    }
  })();
  const perRoute = Math.max(1, Math.floor(connections / 2));
  const results = await Promise.all(calls.map(({ route, call }) => load(urls[route.api], call, { seconds: soakSeconds, connections: perRoute })));
  running = false;
  await sampler;
  samples.push({ second: soakSeconds, rssMb: server.rssMb() });
  return {
    seconds: soakSeconds,
    routes: mix.map((route) => `${route.api} ${route.kind}`),
    requests: results.reduce((sum, result) => sum + result.total, 0),
    failures: results.reduce((sum, result) => sum + result.failures, 0),
    samples,
  };
}

const report: BenchReport = {
  date: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  settings: { seconds, rounds, connections, soakSeconds, startupRuns },
  express: undefined as unknown as BenchReport['express'],
  routes: [],
  rss: [],
  startup: [],
  soak: undefined as unknown as BenchReport['soak'],
  suiteSeconds: undefined,
};

log(`bench: ${rounds} rounds of ${seconds}s per route and server, ${connections} connections, soak ${soakSeconds}s`);
execFileSync(process.execPath, [...NODE_TSX, 'scripts/build-mock.ts'], { stdio: 'inherit' });
// Every server runs for the whole load phase and each round measures all of them in turn, so a
// slower or faster stretch of the machine touches all alike; each figure is the median round.
const express = await startBareExpress();
const ours = await startOurMocks();
const prisms = new Map<ApiName, { server: ServerProcess; url: string }>();
try {
  for (const api of API_NAMES) prisms.set(api, await startPrismMock(api));
  const hello: BenchRoute = { api: 'vinmake', kind: 'authenticated read', label: 'GET /hello', prepare: async () => ({ method: 'GET', path: '/hello', headers: {} }) };
  const expressRounds: LoadResult[] = [];
  const ourRounds = BENCH_ROUTES.map((): LoadResult[] => []);
  const prismRounds = BENCH_ROUTES.map((): LoadResult[] => []);
  for (let round = 1; round <= rounds; round += 1) {
    expressRounds.push(await measure(express.url, hello, true));
    for (const [index, route] of BENCH_ROUTES.entries()) {
      ourRounds[index]?.push(await measure(ours.urls[route.api], route, true));
      prismRounds[index]?.push(await measure(prisms.get(route.api)?.url as string, route, false));
    }
    log(`round ${round}/${rounds}: bare express ${Math.round(expressRounds.at(-1)?.requestsPerSecond ?? 0)} req/s`);
  }
  report.express = medianRound(expressRounds);
  for (const [index, route] of BENCH_ROUTES.entries()) {
    const entry = { api: route.api, kind: route.kind, label: route.label, ours: medianRound(ourRounds[index] ?? []), prism: medianRound(prismRounds[index] ?? []) };
    report.routes.push(entry);
    log(`${route.api} ${route.kind}: ours ${Math.round(entry.ours.requestsPerSecond)} req/s, prism ${Math.round(entry.prism.requestsPerSecond)} req/s`);
  }
  report.rss.push({ server: 'bare express', afterLoadMb: express.server.rssMb() });
  report.rss.push({ server: 'our mocks (all four, one process)', afterLoadMb: ours.server.rssMb() });
  for (const [api, prism] of prisms) report.rss.push({ server: `prism mock ${api}`, afterLoadMb: prism.server.rssMb() });
  await express.server.stop();
  for (const prism of prisms.values()) await prism.server.stop();
  log(`soak: ${soakSeconds}s of mixed load`);
  report.soak = await soak(ours.urls, ours.server);
} finally {
  await Promise.all([express.server.stop(), ours.server.stop(), ...[...prisms.values()].map((prism) => prism.server.stop())]);
}

for (const api of API_NAMES) {
  const port = await freePort();
  const ourStart = await startupOf(() =>
    startServerProcess({
      name: `our ${api} mock`,
      command: process.execPath,
      args: [...MOCK_ARGS, '--only', api, `--${api}-port`, String(port)],
      probeUrl: `http://127.0.0.1:${port}/__mock/health`,
    }),
  );
  const prismStart = await startupOf(async () => (await startPrismMock(api)).server);
  report.startup.push({ api, oursMs: ourStart, prismMs: prismStart });
  log(`start-up ${api}: ours ${Math.round(ourStart)} ms, prism ${Math.round(prismStart)} ms (default port ${findMockApi(api)?.defaultPort})`);
}

if (!values['skip-suite']) {
  log('timing the conformance suites (npm test\'s vitest run of every suite against the embedded mocks)');
  const run = await runSuites([], {}, { quiet: true });
  report.suiteSeconds = run.durationMs / 1_000;
  report.suiteTotals = run.results.totals;
}

const markdown = renderBenchReport(report);
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, markdown);
writeFileSync(values.out.replace(/\.md$/, '.json'), `${JSON.stringify(report, null, 2)}\n`);
log(`\n${markdown}`);
log(`written: ${values.out}`);
