/**
 * The test-only control plane under /__mock/ on each API's port: health, reset to seed, the clock,
 * the outbox and seeding users. Its own errors are JSON `{error, message}`, apart from the vendor's.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Clock } from './clock.ts';
import type { FaultSwitches } from './faults.ts';
import { describeFault } from './seams.ts';
import { HttpError, bodyParserFailure } from './http-error.ts';
import type { Outbox } from './outbox.ts';
import { folderPage } from './folder-page.ts';
import { projectPath } from './paths.ts';
import type { RequestLog } from './request-log.ts';

/** What the dashboard shows of an API's state: who can log in, and which keys exist (never secrets). */
export interface MockStateView {
  users: Array<{ id: string; login: string; roles: string[]; seeded: boolean; verified?: boolean }>;
  apiKeys: Array<{ id: string; name: string; owner: string; scopes: string[]; createdAt: string; expiresAt?: string | null; revoked?: boolean }>;
}

export interface MockControls {
  api: string;
  clock: Clock;
  outbox: Outbox;
  faults: FaultSwitches;
  variants: FaultSwitches;
  requests: RequestLog;
  /** The users and keys of the current state, for the dashboard. */
  describe(): MockStateView;
  /** Puts the API's state back to its seed. */
  reset(): Promise<void>;
  /** Adds a user from a JSON description; throws HttpError 400 for a bad one. */
  seedUser(body: unknown): Promise<unknown>;
}

export function controlPlaneError(message: string): HttpError {
  return new HttpError(400, 'bad_request', message);
}

export function createControlPlane(controls: MockControls): Router {
  const { clock, outbox, faults } = controls;
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));

  // The dashboard: a static page that reads the routes below. Relative links need the trailing slash.
  router.get('/', folderPage((res) => res.sendFile(projectPath('mock-server', 'dashboard', 'index.html'))));

  router.get('/state', (_req, res) => {
    res.json({ api: controls.api, ...controls.describe() });
  });

  router.get('/requests', (_req, res) => {
    res.json({ requests: controls.requests.recent() });
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', api: controls.api, time: clock.now().toISOString(), faults: faults.list(), variants: controls.variants.list() });
  });

  router.get('/faults', (_req, res) => {
    res.json({ active: faults.list(), available: faults.catalog.map(describeFault) });
  });

  // Faults are switched as a whole set, so a test states exactly which bugs the mock has.
  router.put('/faults', (req, res) => {
    const active = (req.body as { active?: unknown } | undefined)?.active;
    if (!Array.isArray(active) || !active.every((id) => typeof id === 'string')) throw controlPlaneError('body must be {"active": [<fault id>, ...]}');
    try {
      faults.set(active);
    } catch (error) {
      throw controlPlaneError((error as Error).message);
    }
    res.json({ active: faults.list(), available: faults.catalog.map(describeFault) });
  });

  router.post('/reset', async (_req, res) => {
    await controls.reset();
    clock.reset();
    outbox.clear();
    controls.requests.clear();
    res.json({ status: 'reset', api: controls.api });
  });

  router.get('/clock', (_req, res) => {
    res.json(clock.describe());
  });

  router.post('/clock/advance', (req, res) => {
    const seconds = (req.body as { seconds?: unknown } | undefined)?.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw controlPlaneError('body must be {"seconds": <number>}');
    clock.advance(seconds);
    res.json(clock.describe());
  });

  router.post('/clock/set', (req, res) => {
    const time = (req.body as { time?: unknown } | undefined)?.time;
    const instant = typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : undefined;
    if (!instant || Number.isNaN(instant.getTime())) {
      throw controlPlaneError('body must be {"time": <ISO 8601 string or epoch seconds>}');
    }
    clock.set(instant);
    res.json(clock.describe());
  });

  router.post('/clock/reset', (_req, res) => {
    clock.reset();
    res.json(clock.describe());
  });

  router.get('/outbox', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    res.json({ mails: outbox.list({ to }) });
  });

  router.delete('/outbox', (_req, res) => {
    outbox.clear();
    res.status(204).end();
  });

  router.post('/users', async (req, res) => {
    res.status(201).json(await controls.seedUser(req.body));
  });

  router.use((req, _res, next) => next(new HttpError(404, 'not_found', `no control-plane route ${req.method} ${req.path}`)));

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const parserFailure = bodyParserFailure(error);
    if (parserFailure) {
      res.status(parserFailure.status).json({ error: 'bad_request', message: `unreadable body (${parserFailure.type})` });
    } else if (error instanceof HttpError) {
      res.status(error.status).json({ error: error.code, message: error.message });
    } else {
      res.status(500).json({ error: 'internal', message: 'control plane failed' });
    }
  });
  return router;
}
