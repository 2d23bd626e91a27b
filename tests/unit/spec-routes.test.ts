/** The mock serves its spec, no more and no less: a route without an operation, or an operation without a route, stops it. */
import express from 'express';
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { MOCK_APIS } from '../../mock-server/registry.ts';
import { assertServesSpec, routeDrift } from '../../mock-server/core/spec-routes.ts';
import type { OpenApiDocument } from '../../specs/apis.ts';

const spec = (paths: OpenApiDocument['paths']): OpenApiDocument => ({ openapi: '3.1.0', paths });
const op = (operationId: string) => ({ operationId, responses: {} });

function app(build: (router: express.Router) => void) {
  const built = express();
  const router = express.Router();
  build(router);
  built.use(router);
  // The control plane's routes are the mock's own, under a path of their own.
  const controls = express.Router();
  controls.get('/state', () => undefined);
  built.use('/__mock', controls);
  return built;
}

describe('route drift', () => {
  test('none when every operation has its route, templates and parameters alike', () => {
    const served = app((router) => {
      router.get('/clients', () => undefined);
      router.put('/clients/:client_id', () => undefined);
    });
    expect(routeDrift(served, spec({ '/clients': { get: op('list') }, '/clients/{id}': { put: op('update') } }))).toEqual({ unrouted: [], unspecified: [] });
  });

  test('names an operation without a route and a route without an operation', () => {
    const served = app((router) => {
      router.get('/clients', () => undefined);
      router.delete('/clients/:id', () => undefined);
    });
    const drift = routeDrift(served, spec({ '/clients': { get: op('list'), post: op('create') } }));
    expect(drift).toEqual({ unrouted: ['POST /clients'], unspecified: ['DELETE /clients/:id'] });
    expect(() => assertServesSpec(served, spec({ '/clients': { get: op('list'), post: op('create') } }), 'acme')).toThrow(
      'the acme mock does not serve its spec: operations of the spec without a route: POST /clients. routes without an operation in the spec: DELETE /clients/:id',
    );
  });

  test('lets one general route serve several operations of the spec', () => {
    const served = app((router) => router.get('/data/:table/all', () => undefined));
    expect(routeDrift(served, spec({ '/data/products/all': { get: op('products') }, '/data/orders/all': { get: op('orders') } }))).toEqual({ unrouted: [], unspecified: [] });
  });

  test.each(MOCK_APIS.map((api) => [api.name, api] as const))('the %s mock serves exactly its spec', async (_name, api) => {
    await expect(api.create({ logger: pino({ level: 'silent' }) })).resolves.toBeDefined();
  });
});
