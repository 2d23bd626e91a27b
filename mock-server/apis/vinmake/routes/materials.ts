/** Materials, each owned by a client record or in-house (clientId null). */
import express, { type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../../specs/generated/vinmake.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { paginate } from '../../../core/store.ts';
import { pageQuery, validBody, type VinmakeContext } from '../context.ts';
import { VINMAKE_ERRORS } from '../errors.ts';
import { authenticate, authorizeOperation, principalOf } from '../guards.ts';
import type { MaterialRecord } from '../state.ts';
import { VINMAKE_VARIANTS } from '../variants.ts';

type Schemas = components['schemas'];
/** The anyOf branches only say which name is required; the fields are those of the object branch. */
type MaterialCreate = Exclude<Schemas['MaterialCreate'], Record<string, never>>;

/** The guide names fields `name`/`type`; the wider reference `materialName`/`materialType`: answer both. */
export function toMaterial(record: MaterialRecord, context?: VinmakeContext): Schemas['Material'] {
  if (context?.variants.on(VINMAKE_VARIANTS.materialLinkSnake.id)) {
    const { id, clientId, name, type, unit, createdAt, updatedAt } = record;
    return { id, client_id: clientId, name, type, unit, createdAt, updatedAt } as unknown as Schemas['Material'];
  }
  return {
    id: record.id,
    clientId: record.clientId,
    name: record.name,
    type: record.type,
    unit: record.unit,
    materialName: record.name,
    materialType: record.type,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function visibleMaterial(context: VinmakeContext, res: Response, materialId: string): MaterialRecord {
  const record = context.state.materials.get(materialId);
  if (!record) throw httpError(VINMAKE_ERRORS.materialNotFound);
  const confinedTo = context.seams.confinedClientId(principalOf(res));
  if (confinedTo !== null && confinedTo !== record.clientId) throw httpError(VINMAKE_ERRORS.insufficientPermissions);
  return record;
}

/** The client record a material body names: `clientId`, or `client_id` in the material-link-snake variant. */
function linkOf(context: VinmakeContext, body: unknown): string | null | undefined {
  const fields = (body ?? {}) as Record<string, unknown>;
  const value = context.variants.on(VINMAKE_VARIANTS.materialLinkSnake.id) ? fields.client_id : fields.clientId;
  return value as string | null | undefined;
}

function existingClientId(context: VinmakeContext, clientId: string | null | undefined): string | null | undefined {
  if (clientId && !context.state.clients.get(clientId)) throw httpError(VINMAKE_ERRORS.clientNotFound);
  return clientId;
}

export function materialRoutes(context: VinmakeContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '64kb' });
  router.use('/api/v1/materials', authenticate(context));
  // Who may call each operation is the spec's to say (x-required-role, x-required-scope).
  const guard = (operationId: string) => authorizeOperation(context, operationId);

  router.get('/api/v1/materials', guard('listMaterials'), (req, res) => {
    const { page, limit } = pageQuery(context, 'listMaterials', req.query);
    const confinedTo = context.seams.confinedClientId(principalOf(res));
    const visible = context.state.materials.filter((material) => confinedTo === null || material.clientId === confinedTo);
    const body: Schemas['MaterialPage'] = paginate(visible.map((material) => toMaterial(material, context)), page, limit);
    res.json(body);
  });

  router.post('/api/v1/materials', guard('createMaterial'), json, (req, res) => {
    const input = validBody<MaterialCreate>(context, 'MaterialCreate', req.body);
    const link = linkOf(context, req.body);
    const now = context.clock.now().toISOString();
    const record = context.state.materials.insert({
      id: randomUUID(),
      clientId: existingClientId(context, link) ?? null,
      name: (input.name ?? input.materialName) as string,
      type: input.type ?? input.materialType ?? null,
      unit: input.unit ?? null,
      createdAt: now,
      updatedAt: now,
    });
    res.status(context.variants.on(VINMAKE_VARIANTS.writesAnswer200.id) ? 200 : 201).json(toMaterial(record, context));
  });

  router.get('/api/v1/materials/:material_id', guard('getMaterial'), (req, res) => {
    res.json(toMaterial(visibleMaterial(context, res, String(req.params.material_id)), context));
  });

  router.put('/api/v1/materials/:material_id', guard('updateMaterial'), json, (req, res) => {
    const record = visibleMaterial(context, res, String(req.params.material_id));
    const input = validBody<Schemas['MaterialUpdate']>(context, 'MaterialUpdate', req.body);
    const change: Partial<MaterialRecord> = { updatedAt: context.clock.now().toISOString() };
    const name = input.name ?? input.materialName;
    const type = input.type ?? input.materialType;
    const link = linkOf(context, req.body);
    if (context.variants.on(VINMAKE_VARIANTS.putReplaces.id)) {
      // A PUT is the whole record: what it leaves out is cleared, and a material needs its name.
      if (name === undefined) throw httpError(VINMAKE_ERRORS.validationFailed, [{ location: ['body', 'name'], kind: 'missing', message: 'Field required' }]);
      Object.assign(change, { name, type: type ?? null, unit: input.unit ?? null, clientId: existingClientId(context, link) ?? null });
    } else {
      if (name !== undefined) change.name = name;
      if (type !== undefined) change.type = type;
      if (input.unit !== undefined) change.unit = input.unit;
      if (link !== undefined) change.clientId = existingClientId(context, link) ?? null;
    }
    res.json(toMaterial(context.state.materials.update(record.id, change) ?? record, context));
  });

  router.delete('/api/v1/materials/:material_id', guard('deleteMaterial'), (req, res) => {
    const record = visibleMaterial(context, res, String(req.params.material_id));
    context.state.materials.delete(record.id);
    if (context.variants.on(VINMAKE_VARIANTS.writesAnswer200.id)) res.json(toMaterial(record, context));
    else res.status(204).end();
  });

  return router;
}
