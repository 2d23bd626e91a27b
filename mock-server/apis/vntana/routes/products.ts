/** Workspace data: search, read and create products, within the reach of the token. */
import express, { type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../../specs/generated/vntana.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { localTimestamp, validBody, type VntanaContext } from '../context.ts';
import { VNTANA_ERRORS } from '../errors.ts';
import { authenticateOperation, callerOf, reachesWorkspace } from '../guards.ts';
import { VNTANA_VARIANTS } from '../variants.ts';
import { managesOrganization, writesWorkspace } from '../roles.ts';
import type { ProductRecord } from '../state.ts';

type Schemas = components['schemas'];

function toProduct(record: ProductRecord): Schemas['Product'] {
  return { uuid: record.id, clientUuid: record.clientUuid, name: record.name, status: record.status, created: record.created };
}

export function productRoutes(context: VntanaContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '64kb' });

  router.post('/v1/products/clients/search', authenticateOperation(context, 'searchProducts'), json, (req, res) => {
    const clientUuid = typeof req.query.clientUuid === 'string' ? req.query.clientUuid : '';
    if (!clientUuid) throw httpError(VNTANA_ERRORS.missingClientUuid);
    const search = validBody<Schemas['ProductSearch']>(context, 'ProductSearch', req.body);
    const caller = callerOf(res);
    const workspace = context.state.workspaces.get(clientUuid);
    if (!workspace || workspace.organizationUuid !== search.organizationUuid || !reachesWorkspace(context, caller, clientUuid)) {
      throw httpError(VNTANA_ERRORS.forbidden);
    }
    const term = search.searchTerm?.toLowerCase();
    const matching = context.state.products.filter(
      (product) =>
        product.clientUuid === clientUuid &&
        (!term || product.name.toLowerCase().includes(term)) &&
        (!search.status || product.status === search.status),
    );
    const body: Schemas['ProductGrid'] = {
      success: true,
      errors: [],
      response: { totalCount: matching.length, grid: matching.slice((search.page - 1) * search.size, search.page * search.size).map(toProduct) },
    };
    res.json(body);
  });

  router.get('/v1/products/:uuid', authenticateOperation(context, 'getProduct'), (req, res) => {
    const product = context.state.products.get(String(req.params.uuid));
    if (!product) throw httpError(context.variants.on(VNTANA_VARIANTS.unknownProduct403.id) ? VNTANA_ERRORS.forbidden : VNTANA_ERRORS.notFound);
    if (!reachesWorkspace(context, callerOf(res), product.clientUuid)) throw httpError(VNTANA_ERRORS.forbidden);
    const body: Schemas['ProductEnvelope'] = { success: true, errors: [], response: toProduct(product) };
    res.json(body);
  });

  router.post('/v1/products', authenticateOperation(context, 'createProduct'), json, (req, res) => {
    const input = validBody<Schemas['ProductCreate']>(context, 'ProductCreate', req.body);
    const caller = callerOf(res);
    const workspace = context.state.workspaces.get(input.clientUuid);
    if (!workspace || !reachesWorkspace(context, caller, workspace.id)) throw httpError(VNTANA_ERRORS.forbidden);
    const mayWrite =
      managesOrganization(caller.user.organizationRoles[workspace.organizationUuid]) || writesWorkspace(caller.user.workspaceRoles[workspace.id]);
    if (!mayWrite) throw httpError(VNTANA_ERRORS.forbidden);
    const product = context.state.products.insert({
      id: randomUUID(),
      clientUuid: workspace.id,
      name: input.name,
      status: input.status ?? 'DRAFT',
      created: localTimestamp(context),
    });
    const body: Schemas['ProductEnvelope'] = { success: true, errors: [], response: toProduct(product) };
    res.status(context.variants.on(VNTANA_VARIANTS.productCreated201.id) ? 201 : 200).json(body);
  });

  return router;
}
