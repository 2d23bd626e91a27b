/** Control-plane seeding of extra VNTANA users, e.g. an organization admin or a content manager. */
import { randomUUID } from 'node:crypto';
import { controlPlaneError } from '../../core/control-plane.ts';
import { hashPassword } from '../../core/passwords.ts';
import { randomToken, sha256 } from '../../core/secrets.ts';
import { localTimestamp, type VntanaContext } from './context.ts';
import { ORGANIZATION_ROLES, WORKSPACE_ROLES, type OrganizationRole, type WorkspaceRole } from './roles.ts';
import { ACME_ORG } from './seed.ts';
import { findUserByEmail } from './state.ts';

export async function seedUser(context: VntanaContext, body: unknown) {
  const input = (body ?? {}) as Record<string, unknown>;
  const { email, password } = input;
  const organization = input.organization as { name?: unknown } | undefined;
  if (organization !== undefined && (typeof organization !== 'object' || organization === null || typeof organization.name !== 'string' || !organization.name)) {
    throw controlPlaneError('organization must be {"name": "<a name>"}');
  }
  if (organization && input.organizationUuid !== undefined) throw controlPlaneError('give organization (a new one) or organizationUuid (an existing one), not both');
  const organizationUuid = organization ? randomUUID() : typeof input.organizationUuid === 'string' ? input.organizationUuid : ACME_ORG;
  const organizationRole = input.organizationRole ?? 'ORGANIZATION_CLIENT_MEMBER';
  const workspaceRoles = (input.workspaceRoles ?? {}) as Record<string, unknown>;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) throw controlPlaneError('email must be an e-mail address');
  if (typeof password !== 'string' || password === '') throw controlPlaneError('password must be a non-empty string');
  if (findUserByEmail(context.state, email)) throw controlPlaneError(`a user ${email} exists already`);
  if (!organization && !context.state.organizations.get(organizationUuid)) throw controlPlaneError(`no organization ${organizationUuid}`);
  if (!ORGANIZATION_ROLES.includes(organizationRole as OrganizationRole)) throw controlPlaneError(`organizationRole must be one of ${ORGANIZATION_ROLES.join(', ')}`);
  if (typeof workspaceRoles !== 'object' || workspaceRoles === null) throw controlPlaneError('workspaceRoles must map clientUuid to a role');
  for (const [clientUuid, role] of Object.entries(workspaceRoles)) {
    if (context.state.workspaces.get(clientUuid)?.organizationUuid !== organizationUuid) throw controlPlaneError(`no workspace ${clientUuid} in that organization`);
    if (!WORKSPACE_ROLES.includes(role as WorkspaceRole)) throw controlPlaneError(`workspace role must be one of ${WORKSPACE_ROLES.join(', ')}`);
  }
  if (organization) {
    // A new organization of the user's own, e.g. one another user does not belong to.
    const name = organization.name as string;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    context.state.organizations.insert({ id: organizationUuid, slug, name, imageBlobId: null, created: localTimestamp(context) });
  }
  const personalAccessToken = typeof input.personalAccessToken === 'string' ? input.personalAccessToken : `vntpat_${randomToken(24)}`;
  const user = context.state.users.insert({
    id: randomUUID(),
    email,
    passwordHash: await hashPassword(password),
    patDigest: sha256(personalAccessToken),
    organizationRoles: { [organizationUuid]: organizationRole as OrganizationRole },
    workspaceRoles: workspaceRoles as Record<string, WorkspaceRole>,
  });
  // The new token is the caller's own fixture, so it is returned once, like a generated key.
  return { uuid: user.id, email, organizationRoles: user.organizationRoles, workspaceRoles: user.workspaceRoles, personalAccessToken };
}
