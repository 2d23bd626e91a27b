/** Organizations, the current one, its workspaces ("clients") and its pipelines. */
import express, { type Router } from 'express';
import type { components } from '../../../../specs/generated/vntana.d.ts';
import { httpError } from '../../../core/http-error.ts';
import type { VntanaContext } from '../context.ts';
import { VNTANA_ERRORS } from '../errors.ts';
import { authenticateOperation, callerOf, organizationOf } from '../guards.ts';
import type { OrganizationRecord } from '../state.ts';
import { SEED_PIPELINES } from '../seed.ts';

type Schemas = components['schemas'];

function gridItem(record: OrganizationRecord, role: Schemas['Role']): Schemas['GridItem'] {
  return { uuid: record.id, slug: record.slug, name: record.name, role, imageBlobId: record.imageBlobId, created: record.created };
}

function grid(items: Schemas['GridItem'][]): Schemas['OrganizationGrid'] {
  return { success: true, errors: [], response: { totalCount: items.length, grid: items } };
}

export function organizationRoutes(context: VntanaContext): Router {
  const router = express.Router();

  router.get('/v1/organizations', authenticateOperation(context, 'listOrganizations'), (_req, res) => {
    const { user } = callerOf(res);
    const items = Object.entries(user.organizationRoles).flatMap(([uuid, role]) => {
      const organization = context.state.organizations.get(uuid);
      return organization ? [gridItem(organization, role)] : [];
    });
    res.json(grid(items));
  });

  router.get('/v1/organizations/current', authenticateOperation(context, 'getCurrentOrganization'), (_req, res) => {
    const caller = callerOf(res);
    const organization = context.state.organizations.get(organizationOf(context, caller));
    const role = organization && caller.user.organizationRoles[organization.id];
    if (!organization || !role) throw httpError(VNTANA_ERRORS.forbidden);
    const body: Schemas['CurrentOrganization'] = { success: true, errors: [], response: gridItem(organization, role) };
    res.json(body);
  });

  // Owners and admins see every workspace; a member only those it holds a role in.
  router.get('/v1/clients/client-organizations', authenticateOperation(context, 'listWorkspaces'), (_req, res) => {
    const caller = callerOf(res);
    const organizationUuid = organizationOf(context, caller);
    const organizationRole = caller.user.organizationRoles[organizationUuid];
    if (!organizationRole) throw httpError(VNTANA_ERRORS.forbidden);
    const items = context.state.workspaces
      .filter((workspace) => workspace.organizationUuid === organizationUuid)
      .flatMap((workspace) => {
        const role = context.seams.workspaceRoleShown(caller.user, workspace.id, organizationRole);
        return role ? [gridItem(workspace, role)] : [];
      });
    res.json(grid(items));
  });

  router.get('/v1/pipelines', authenticateOperation(context, 'listPipelines'), (_req, res) => {
    const body: Schemas['Pipelines'] = { success: true, errors: [], response: { pipelines: SEED_PIPELINES } };
    res.json(body);
  });

  return router;
}
