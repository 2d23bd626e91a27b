/** Admin-managed API keys: the secret is returned once at creation and stored only as a digest. */
import express, { type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../../specs/generated/vinmake.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { randomHex, randomToken, sha256 } from '../../../core/secrets.ts';
import { paginate } from '../../../core/store.ts';
import { pageQuery, validBody, type VinmakeContext } from '../context.ts';
import { VINMAKE_ERRORS } from '../errors.ts';
import { authenticate, authorizeOperation, principalOf } from '../guards.ts';
import type { ApiKeyRecord } from '../state.ts';
import { VINMAKE_VARIANTS } from '../variants.ts';

type Schemas = components['schemas'];

export function toApiKey(record: ApiKeyRecord): Schemas['ApiKey'] {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    scopes: record.scopes,
    ...(record.rateLimit === null ? {} : { rate_limit: record.rateLimit }),
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    revoked_at: record.revokedAt,
    last_used_at: record.lastUsedAt,
  };
}

export function apiKeyRoutes(context: VinmakeContext): Router {
  const router = express.Router();
  // Who may call each operation is the spec's to say (x-required-role; keys name no scope for keys).
  const guarded = (operationId: string) => [authenticate(context), authorizeOperation(context, operationId)];

  router.get('/api/v1/api-keys', ...guarded('listApiKeys'), (req, res) => {
    const { page, limit } = pageQuery(context, 'listApiKeys', req.query);
    const body: Schemas['ApiKeyPage'] = paginate(context.state.apiKeys.all().map(toApiKey), page, limit);
    res.json(body);
  });

  router.post('/api/v1/api-keys', ...guarded('createApiKey'), express.json({ limit: '16kb' }), (req, res) => {
    const input = validBody<Schemas['ApiKeyCreate']>(context, 'ApiKeyCreate', req.body);
    const prefix = `vmk_${randomHex(8)}`;
    const key = `${prefix}_${randomToken(24)}`;
    const principal = principalOf(res);
    const record = context.state.apiKeys.insert({
      id: randomUUID(),
      name: input.name,
      prefix,
      digest: sha256(key),
      // `scopes` is the guide's field, `permissions` the wider reference's.
      scopes: [...new Set([...(input.scopes ?? []), ...(input.permissions ?? [])])],
      rateLimit: input.rate_limit ?? null,
      createdBy: principal.kind === 'user' ? principal.user.id : principal.key.id,
      createdAt: context.clock.now().toISOString(),
      expiresAt: input.expires_at ? new Date(input.expires_at).toISOString() : null,
      revokedAt: null,
      lastUsedAt: null,
    });
    const body: Schemas['ApiKeyCreated'] = { ...toApiKey(record), key };
    res.status(context.variants.on(VINMAKE_VARIANTS.writesAnswer200.id) ? 200 : 201).set('Cache-Control', 'no-store').json(body);
  });

  router.post('/api/v1/api-keys/:api_key_id/revoke', ...guarded('revokeApiKey'), (req, res) => {
    const record = context.state.apiKeys.get(String(req.params.api_key_id));
    if (!record) throw httpError(VINMAKE_ERRORS.apiKeyNotFound);
    const revoked =
      record.revokedAt === null
        ? (context.state.apiKeys.update(record.id, { revokedAt: context.clock.now().toISOString() }) ?? record)
        : record;
    if (context.variants.on(VINMAKE_VARIANTS.writesAnswer200.id)) res.status(204).end();
    else res.json(toApiKey(revoked));
  });

  return router;
}
