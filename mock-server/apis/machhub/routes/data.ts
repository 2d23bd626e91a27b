/**
 * The data plane of the seeded `products` table: list with filter/sort/paging, count, create (JSON
 * or the SDK's multipart `record` field), and get/update/delete by record id `products:<id>`.
 */
import express, { type Request, type Router } from 'express';
import multer from 'multer';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../../specs/generated/machhub.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { createdStatus, validBody, type MachhubContext } from '../context.ts';
import { MACHHUB_VARIANTS } from '../variants.ts';
import { MACHHUB_ERRORS, badRequest } from '../errors.ts';
import { authenticate, requireOperationPermission } from '../guards.ts';
import { applyFilter, parseRecordQuery, runQuery } from '../records.ts';
import type { ProductRecord } from '../state.ts';

type Schemas = components['schemas'];

const PRODUCT_FIELDS = ['id', 'name', 'sku', 'price', 'stock', 'category', 'created_at', 'updated_at'] as const;
const WRITABLE_FIELDS = ['name', 'sku', 'price', 'stock', 'category'];
const TABLES = ['products'];

function knownTable(req: Request): void {
  if (!TABLES.includes(String(req.params.table))) throw httpError({ ...MACHHUB_ERRORS.notFound, message: `Not Found: table ${String(req.params.table)}` });
}

/** The body of a create: JSON, or multipart whose `record` field holds the JSON. */
function recordOf(req: Request): unknown {
  if (!req.is('multipart/form-data')) return req.body;
  const record = (req.body as { record?: unknown } | undefined)?.record;
  if (typeof record !== 'string') throw badRequest('multipart body needs a record field');
  try {
    return JSON.parse(record) as unknown;
  } catch {
    throw badRequest('record is not valid JSON');
  }
}

export function dataRoutes(context: MachhubContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '256kb' });
  const multipart = multer({ limits: { fields: 20, fieldSize: 256 * 1024, files: 0 } }).none();
  // One route serves every collection; the spec documents the products collection and the record
  // calls, and what they ask (x-required-permission) is what every collection asks.
  const guard = (operationId: string) => requireOperationPermission(context, operationId);
  router.use('/machhub', authenticate(context));

  router.get('/machhub/:table/all', guard('listProducts'), (req, res) => {
    knownTable(req);
    const { values, issues } = context.validator.query('listProducts', { limit: req.query.limit, offset: req.query.offset });
    if (issues.length > 0) throw httpError(MACHHUB_ERRORS.badRequest, issues);
    const query = parseRecordQuery(req.query as Record<string, unknown>, PRODUCT_FIELDS, {
      limit: values.limit as number | undefined,
      offset: values.offset as number,
    });
    const body: Schemas['Product'][] = runQuery(context.state.products.all(), query);
    res.json(body);
  });

  router.get('/machhub/:table/count', guard('countProducts'), (req, res) => {
    knownTable(req);
    const { conditions } = parseRecordQuery(req.query as Record<string, unknown>, PRODUCT_FIELDS, { offset: 0 });
    res.json({ count: applyFilter(context.state.products.all(), conditions).length });
  });

  router.post('/machhub/:table', guard('createProduct'), json, multipart, (req, res) => {
    knownTable(req);
    const input = validBody<Schemas['ProductInput']>(context, 'ProductInput', recordOf(req));
    const now = context.clock.now().toISOString();
    const body: Schemas['Product'] = context.state.products.insert({
      id: `products:${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      name: input.name,
      sku: input.sku ?? null,
      price: input.price,
      stock: input.stock ?? 0,
      category: input.category ?? null,
      created_at: now,
      updated_at: now,
    });
    res.status(createdStatus(context)).json(body);
  });

  const recordRoute = '/machhub/:recordId';
  const existing = (req: Request): ProductRecord => {
    const record = context.state.products.get(String(req.params.recordId));
    if (!record) throw httpError(MACHHUB_ERRORS.notFound);
    return record;
  };

  router.get(recordRoute, guard('getRecord'), (req, res) => {
    const body: Schemas['Product'] = existing(req);
    res.json(body);
  });

  router.put(recordRoute, guard('updateRecord'), json, (req, res) => {
    const record = existing(req);
    const input = validBody<Schemas['ProductUpdate']>(context, 'ProductUpdate', req.body);
    const change = Object.fromEntries(Object.entries(input).filter(([field]) => WRITABLE_FIELDS.includes(field)));
    const body: Schemas['Product'] = context.state.products.update(record.id, { ...change, updated_at: context.clock.now().toISOString() }) ?? record;
    res.json(body);
  });

  router.delete(recordRoute, guard('deleteRecord'), (req, res) => {
    const { id } = existing(req);
    context.state.products.delete(id);
    const body: Schemas['Success'] = { success: true };
    res.json(context.variants.on(MACHHUB_VARIANTS.deleteEchoesId.id) ? { ...body, id } : body);
  });

  return router;
}
