/**
 * What every API's mock is built from: the shared services (clock, outbox, fault switches) and one
 * Express pipeline: preamble, request log, control plane, the API's routes, its 404, its error writer.
 */
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { Clock } from './clock.ts';
import { createControlPlane, type MockControls } from './control-plane.ts';
import { FaultSwitches, type FaultDefinition } from './faults.ts';
import type { OpenApiDocument } from '../../specs/apis.ts';
import { guardedErrorWriter } from './guarded-error-writer.ts';
import { assertServesSpec } from './spec-routes.ts';
import { httpError, type ErrorDefinition } from './http-error.ts';
import { requestLogger } from './logging.ts';
import { Outbox } from './outbox.ts';
import { RequestLog } from './request-log.ts';
import { docsRouter } from './docs.ts';
import type { MailRelay } from './smtp-relay.ts';
import { CORE_VARIANTS, VariantSwitches, type VariantDefinition } from './variants.ts';

export interface MockServices {
  clock: Clock;
  outbox: Outbox;
  faults: FaultSwitches;
  /** The choices left open by the document that this start makes the other way. */
  variants: VariantSwitches;
  requests: RequestLog;
}

/** A clock, an outbox (relaying over SMTP when given a relay), the API's fault switches and variants. */
export function createMockServices(
  catalog: FaultDefinition[],
  activeFaults: string[] = [],
  variantCatalog: VariantDefinition[] = [],
  activeVariants: string[] = [],
  mailRelay?: MailRelay,
): MockServices {
  const clock = new Clock();
  const faults = new FaultSwitches(catalog);
  faults.set(activeFaults);
  const variants = new VariantSwitches(variantCatalog, activeVariants);
  return { clock, outbox: new Outbox(clock, mailRelay), faults, variants, requests: new RequestLog() };
}

export interface MockAppOptions {
  logger: Logger;
  controls: MockControls;
  /** Runs first, for every request (e.g. a correlation id or CORS). */
  preamble?: RequestHandler[];
  routers: Router[];
  /** The API's answer to a path it does not have. */
  notFound: ErrorDefinition;
  errorWriter: ErrorRequestHandler;
  /** The spec the routers serve: the app refuses to be built when they disagree. */
  spec: OpenApiDocument;
  /** The API's answer when something fails that is not the client's fault; also when the writer fails. */
  internalError: ErrorDefinition;
  /** Path patterns whose secrets the request log masks. */
  secretPaths?: RegExp[];
  /** Express settings, e.g. the query parser. */
  settings?: Record<string, unknown>;
  /** Told after each request that may have changed state. */
  onStateChange?: () => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createMockApp(options: MockAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Python, Go and Java API servers send no ETag on JSON answers; an API on Express turns it back on.
  app.set('etag', false);
  for (const [name, value] of Object.entries(options.settings ?? {})) app.set(name, value);
  const { onStateChange } = options;
  if (onStateChange) {
    app.use((req, res, next) => {
      if (!SAFE_METHODS.has(req.method)) res.once('finish', onStateChange);
      next();
    });
  }
  for (const handler of options.preamble ?? []) app.use(handler);
  const { requests, clock } = options.controls;
  app.use(
    requestLogger(options.logger, {
      secretPaths: options.secretPaths,
      // The dashboard lists the API's traffic, not its own polling or the docs.
      record: (line) => {
        if (line.url.startsWith('/__mock') || line.url.startsWith('/docs')) return;
        requests.add({ time: clock.now().toISOString(), method: line.method, url: line.url, status: line.status, ms: line.ms });
      },
    }),
  );
  if (!options.controls.variants.on(CORE_VARIANTS.noControlPlane.id)) app.use('/__mock', createControlPlane(options.controls));
  app.use('/docs', docsRouter(options.controls.api));
  // Order matters: routers answer in the order given.
  for (const router of options.routers) app.use(router);
  app.use(() => {
    throw httpError(options.notFound);
  });
  app.use(guardedErrorWriter(options.errorWriter, options.internalError, options.logger));
  assertServesSpec(app, options.spec, options.controls.api);
  return app;
}
