/**
 * The mock serves its spec, no more and no less: every operation of the spec has a route, and every
 * route of the API's routers serves an operation of the spec. Checked when a mock is built, so a
 * route added without its operation (or an operation the mock forgot) stops the mock from starting
 * instead of drifting. Routers mounted under a path of their own (/__mock, /docs) are the mock's,
 * not the API's, and are not checked.
 */
import type { Express } from 'express';
import type { OpenApiDocument } from '../../specs/apis.ts';
import { operationsOf } from '../../specs/operations.ts';

interface RouteLayer {
  label: string;
  methods: Set<string>;
  matches(path: string): boolean;
}

interface Layer {
  slash?: boolean;
  matchers?: Array<(path: string) => unknown>;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function routeLayersOf(stack: Layer[]): RouteLayer[] {
  return stack.flatMap((layer): RouteLayer[] => {
    if (layer.route) {
      const methods = new Set(Object.keys(layer.route.methods).filter((method) => layer.route?.methods[method]));
      return [{ label: [layer.route.path].flat().join(', '), methods, matches: (path) => (layer.matchers ?? []).some((match) => Boolean(match(path))) }];
    }
    // A router used at "/": its routes are the API's.
    if (layer.slash && layer.handle?.stack) return routeLayersOf(layer.handle.stack);
    return [];
  });
}

/** A concrete path for a template: each {parameter} given a sample value. */
const sampleOf = (template: string) => template.replace(/\{[^}]+\}/g, 'sample');

export function routeDrift(app: Express, spec: OpenApiDocument): { unrouted: string[]; unspecified: string[] } {
  const routes = routeLayersOf(((app as unknown as { router: { stack: Layer[] } }).router).stack);
  const operations = operationsOf(spec).map(({ method, path }) => ({ method, path, label: `${method.toUpperCase()} ${path}` }));
  const serves = (route: RouteLayer, operation: { method: string; path: string }) =>
    (route.methods.has(operation.method) || route.methods.has('_all')) && route.matches(sampleOf(operation.path));
  return {
    unrouted: operations.filter((operation) => !routes.some((route) => serves(route, operation))).map((operation) => operation.label),
    unspecified: routes
      .flatMap((route) => [...route.methods].filter((method) => method !== 'head' && method !== '_all').map((method) => ({ route, method })))
      .filter(({ route, method }) => !operations.some((operation) => operation.method === method && serves(route, operation)))
      .map(({ route, method }) => `${method.toUpperCase()} ${route.label}`),
  };
}

/** Stops a mock whose routes and spec disagree, naming what is missing on each side. */
export function assertServesSpec(app: Express, spec: OpenApiDocument, api: string): void {
  const { unrouted, unspecified } = routeDrift(app, spec);
  if (unrouted.length === 0 && unspecified.length === 0) return;
  const parts = [
    unrouted.length ? `operations of the spec without a route: ${unrouted.join('; ')}` : '',
    unspecified.length ? `routes without an operation in the spec: ${unspecified.join('; ')}` : '',
  ].filter(Boolean);
  throw new Error(`the ${api} mock does not serve its spec: ${parts.join('. ')}`);
}
