/** Client (customer) records. A client user is confined to its own record. */
import express, { type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../../specs/generated/vinmake.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { paginate } from '../../../core/store.ts';
import { pageQuery, validBody, type VinmakeContext } from '../context.ts';
import { VINMAKE_ERRORS } from '../errors.ts';
import { authenticate, authorizeOperation, principalOf } from '../guards.ts';
import type { ClientRecord } from '../state.ts';
import { VINMAKE_VARIANTS } from '../variants.ts';

type Schemas = components['schemas'];

/** The record, if it exists and the caller may see it: 404 when absent, 403 when foreign. */
function visibleClient(context: VinmakeContext, res: Response, clientId: string): ClientRecord {
  const record = context.state.clients.get(clientId);
  if (!record) throw httpError(VINMAKE_ERRORS.clientNotFound);
  const confinedTo = context.seams.confinedClientId(principalOf(res));
  if (confinedTo !== null && confinedTo !== record.id) throw httpError(VINMAKE_ERRORS.insufficientPermissions);
  return record;
}

export function clientRoutes(context: VinmakeContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '64kb' });
  router.use('/api/v1/clients', authenticate(context));
  // Who may call each operation is the spec's to say (x-required-role, x-required-scope).
  const guard = (operationId: string) => authorizeOperation(context, operationId);

  router.get('/api/v1/clients', guard('listClients'), (req, res) => {
    const { page, limit } = pageQuery(context, 'listClients', req.query);
    const confinedTo = context.seams.confinedClientId(principalOf(res));
    const visible = context.state.clients.filter((client) => confinedTo === null || client.id === confinedTo);
    const body: Schemas['ClientPage'] = paginate(visible, page, limit);
    res.json(body);
  });

  router.post('/api/v1/clients', guard('createClient'), json, (req, res) => {
    const input = validBody<Schemas['ClientCreate']>(context, 'ClientCreate', req.body);
    const now = context.clock.now().toISOString();
    const body: Schemas['Client'] = context.state.clients.insert({
      id: randomUUID(),
      name: input.name,
      country: input.country,
      currency: input.currency,
      maxAccountValue: input.maxAccountValue,
      createdAt: now,
      updatedAt: now,
    });
    res.status(context.variants.on(VINMAKE_VARIANTS.writesAnswer200.id) ? 200 : 201).json(body);
  });

  router.get('/api/v1/clients/:client_id', guard('getClient'), (req, res) => {
    const body: Schemas['Client'] = visibleClient(context, res, String(req.params.client_id));
    res.json(body);
  });

  router.put('/api/v1/clients/:client_id', guard('updateClient'), json, (req, res) => {
    const record = visibleClient(context, res, String(req.params.client_id));
    const input = validBody<Schemas['ClientUpdate']>(context, 'ClientUpdate', req.body);
    const { name, country, currency, maxAccountValue } = input;
    if (context.variants.on(VINMAKE_VARIANTS.putReplaces.id)) {
      // A PUT is the whole record: every field a record needs must be there.
      const body = validBody<Schemas['ClientCreate']>(context, 'ClientCreate', req.body);
      res.json(context.state.clients.update(record.id, { ...body, updatedAt: context.clock.now().toISOString() }));
      return;
    }
    const change = Object.fromEntries(
      Object.entries({ name, country, currency, maxAccountValue }).filter(([, value]) => value !== undefined),
    );
    const body: Schemas['Client'] | undefined = context.state.clients.update(record.id, {
      ...change,
      updatedAt: context.clock.now().toISOString(),
    });
    res.json(body);
  });

  router.delete('/api/v1/clients/:client_id', guard('deleteClient'), (req, res) => {
    const record = visibleClient(context, res, String(req.params.client_id));
    context.state.clients.delete(record.id);
    for (const material of context.state.materials.filter((candidate) => candidate.clientId === record.id)) {
      context.state.materials.delete(material.id);
    }
    if (context.variants.on(VINMAKE_VARIANTS.writesAnswer200.id)) res.json(record);
    else res.status(204).end();
  });

  return router;
}
