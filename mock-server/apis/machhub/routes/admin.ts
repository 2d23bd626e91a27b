/** Users, groups and grants: the admin side of the permission model. */
import express, { type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { components } from '../../../../specs/generated/machhub.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { hashPassword } from '../../../core/passwords.ts';
import { createdStatus, validBody, type MachhubContext } from '../context.ts';
import { MACHHUB_ERRORS } from '../errors.ts';
import { authenticate, principalOf, requireOperationPermission } from '../guards.ts';
import { isAllowed } from '../permissions.ts';
import { findGroup, findUserByName, groupsOf, type GrantRecord, type GroupRecord, type MachhubState, type UserRecord } from '../state.ts';

type Schemas = components['schemas'];

function toUser(state: MachhubState, user: UserRecord): Schemas['User'] {
  return { id: user.id, username: user.username, groups: groupsOf(state, user.id).map((group) => group.name) };
}

function toGrant(state: MachhubState, grant: GrantRecord): Schemas['Grant'] {
  const group = state.groups.get(grant.groupId);
  return { id: grant.id, group: group?.name ?? grant.groupId, feature: grant.feature, action: grant.action, scope: grant.scope };
}

function toGroup(state: MachhubState, group: GroupRecord): Schemas['Group'] {
  return {
    id: group.id,
    name: group.name,
    members: [...group.members],
    grants: state.grants.filter((grant) => grant.groupId === group.id).map((grant) => toGrant(state, grant)),
  };
}

/** Adds a user to groups by id or name; every group must exist. */
export function joinGroups(state: MachhubState, userId: string, groups: string[]): void {
  const records = groups.map((name) => findGroup(state, name) ?? null);
  const missing = groups.filter((_name, index) => records[index] === null);
  if (missing.length > 0) throw httpError({ ...MACHHUB_ERRORS.notFound, message: `Not Found: group ${missing.join(', ')}` });
  for (const group of records as GroupRecord[]) {
    if (!group.members.includes(userId)) state.groups.update(group.id, { members: [...group.members, userId] });
  }
}

export async function createUser(state: MachhubState, input: Schemas['UserCreate']): Promise<UserRecord> {
  if (findUserByName(state, input.username)) throw httpError(MACHHUB_ERRORS.usernameTaken);
  const groups = input.groups ?? [];
  // Check the groups before creating anything, so a bad group leaves no half-made user.
  const unknown = groups.filter((name) => !findGroup(state, name));
  if (unknown.length > 0) throw httpError({ ...MACHHUB_ERRORS.notFound, message: `Not Found: group ${unknown.join(', ')}` });
  const user = state.users.insert({ id: `users:${randomUUID()}`, username: input.username, passwordHash: await hashPassword(input.password) });
  joinGroups(state, user.id, groups);
  return user;
}

export function adminRoutes(context: MachhubContext): Router {
  const router = express.Router();
  const json = express.json({ limit: '16kb' });
  router.use(['/machhub/auth/user', '/machhub/auth/group', '/machhub/auth/permission'], authenticate(context));
  // Which grant each operation asks is the spec's to say (x-required-permission).
  const allow = (operationId: string) => requireOperationPermission(context, operationId);

  router.get('/machhub/auth/user', allow('listUsers'), (_req, res) => {
    res.json(context.state.users.all().map((user) => toUser(context.state, user)));
  });

  router.post('/machhub/auth/user', allow('createUser'), json, async (req, res) => {
    const input = validBody<Schemas['UserCreate']>(context, 'UserCreate', req.body);
    res.status(createdStatus(context)).json(toUser(context.state, await createUser(context.state, input)));
  });

  // A user may read its own record with scope self; anyone else's needs scope domain.
  router.get('/machhub/auth/user/:userId', (req, res) => {
    const principal = principalOf(res);
    const target = context.state.users.get(String(req.params.userId));
    const scope = target?.id === principal.user.id ? 'self' : 'domain';
    if (!isAllowed(context.seams.askerOf(context, principal), 'users', 'read', scope)) throw httpError(MACHHUB_ERRORS.forbidden);
    if (!target) throw httpError(MACHHUB_ERRORS.notFound);
    res.json(toUser(context.state, target));
  });

  router.get('/machhub/auth/group', allow('listGroups'), (_req, res) => {
    res.json(context.state.groups.all().map((group) => toGroup(context.state, group)));
  });

  router.post('/machhub/auth/group', allow('createGroup'), json, (req, res) => {
    const { name } = validBody<Schemas['GroupCreate']>(context, 'GroupCreate', req.body);
    if (findGroup(context.state, name)) throw httpError(MACHHUB_ERRORS.groupTaken);
    const group = context.state.groups.insert({ id: `groups:${randomUUID()}`, name, members: [] });
    res.status(createdStatus(context)).json(toGroup(context.state, group));
  });

  router.post('/machhub/auth/group/:groupId/user/:userId', allow('addUserToGroup'), (req, res) => {
    const group = findGroup(context.state, String(req.params.groupId));
    const user = context.state.users.get(String(req.params.userId));
    if (!group || !user) throw httpError(MACHHUB_ERRORS.notFound);
    joinGroups(context.state, user.id, [group.id]);
    res.json(toGroup(context.state, context.state.groups.get(group.id) ?? group));
  });

  router.get('/machhub/auth/permission', allow('listPermissions'), (_req, res) => {
    res.json(context.state.grants.all().map((grant) => toGrant(context.state, grant)));
  });

  router.post('/machhub/auth/permission', allow('createPermission'), json, (req, res) => {
    const input = validBody<Schemas['GrantCreate']>(context, 'GrantCreate', req.body);
    const group = findGroup(context.state, input.group);
    if (!group) throw httpError({ ...MACHHUB_ERRORS.notFound, message: `Not Found: group ${input.group}` });
    const grant = context.state.grants.insert({
      id: `permissions:${randomUUID()}`,
      groupId: group.id,
      feature: input.feature,
      action: input.action,
      scope: input.scope,
    });
    res.status(createdStatus(context)).json(toGrant(context.state, grant));
  });

  return router;
}
