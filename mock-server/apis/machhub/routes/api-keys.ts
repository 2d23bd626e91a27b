/** API keys: `mchx_<12-char id>_<secret>`, shown once, stored as a SHA-256 digest. */
import express, { type Router } from 'express';
import type { components } from '../../../../specs/generated/machhub.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { randomHex, randomToken, sha256 } from '../../../core/secrets.ts';
import { createdStatus, validBody, type MachhubContext } from '../context.ts';
import { MACHHUB_VARIANTS } from '../variants.ts';
import { MACHHUB_ERRORS, badRequest } from '../errors.ts';
import { authenticate, principalOf, requireOperationPermission } from '../guards.ts';
import type { ApiKeyRecord } from '../state.ts';

type Schemas = components['schemas'];

function toApiKey(record: ApiKeyRecord): Schemas['ApiKey'] {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    features: record.features,
    expiration: record.expiration,
    created_at: record.createdAt,
    prefix: `mchx_${record.id}`,
  };
}

export function apiKeyRoutes(context: MachhubContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '16kb' });
  router.use('/api/api-key', authenticate(context));

  router.post('/api/api-key/generate', requireOperationPermission(context, 'generateApiKey'), json, (req, res) => {
    const input = validBody<Schemas['ApiKeyCreate']>(context, 'ApiKeyCreate', req.body);
    let id = randomHex(12);
    while (context.state.apiKeys.get(id)) id = randomHex(12);
    // base64url may hold '_' and '-'; the id never does, so the key still splits at the first '_' after it.
    const separator = context.variants.on(MACHHUB_VARIANTS.keyWithoutSeparator.id) ? '' : '_';
    const token = `mchx_${id}${separator}${randomToken(24)}`;
    const record = context.state.apiKeys.insert({
      id,
      name: input.name,
      description: input.description ?? '',
      features: input.features ?? [],
      expiration: input.expiration ? new Date(input.expiration).toISOString() : null,
      createdAt: context.clock.now().toISOString(),
      createdBy: principalOf(res).user.id,
      digest: sha256(token),
    });
    const body: Schemas['ApiKeyCreated'] = { ...toApiKey(record), token };
    res.status(createdStatus(context)).set('Cache-Control', 'no-store').json(body);
  });

  router.get('/api/api-key/get-all', requireOperationPermission(context, 'listApiKeys'), (_req, res) => {
    res.json(context.state.apiKeys.all().map(toApiKey));
  });

  router.delete('/api/api-key/delete', requireOperationPermission(context, 'deleteApiKey'), json, (req, res) => {
    const fromBody = (req.body as { id?: unknown } | undefined)?.id;
    const id = typeof req.query.id === 'string' ? req.query.id : fromBody;
    if (typeof id !== 'string' || id === '') throw badRequest('id is required (query ?id= or body {"id"})');
    // Accept the lookup id or the public prefix `mchx_<id>`.
    const lookupId = id.startsWith('mchx_') ? id.slice(5, 17) : id;
    const known = context.seams.deleteApiKey(context, lookupId);
    if (!known) throw httpError(MACHHUB_ERRORS.notFound);
    const body: Schemas['Success'] = { success: true };
    res.json(context.variants.on(MACHHUB_VARIANTS.deleteEchoesId.id) ? { ...body, id: lookupId } : body);
  });

  return router;
}
