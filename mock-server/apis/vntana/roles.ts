/** VNTANA's organization and workspace roles, and what each may do. */
export type OrganizationRole = 'SUPER_ADMIN' | 'ORGANIZATION_OWNER' | 'ORGANIZATION_ADMIN' | 'ORGANIZATION_CLIENT_MEMBER';
export type WorkspaceRole = 'CLIENT_ORGANIZATION_ADMIN' | 'CLIENT_ORGANIZATION_CONTENT_MANAGER' | 'CLIENT_ORGANIZATION_VIEWER';

export const ORGANIZATION_ROLES: OrganizationRole[] = ['SUPER_ADMIN', 'ORGANIZATION_OWNER', 'ORGANIZATION_ADMIN', 'ORGANIZATION_CLIENT_MEMBER'];
export const WORKSPACE_ROLES: WorkspaceRole[] = ['CLIENT_ORGANIZATION_ADMIN', 'CLIENT_ORGANIZATION_CONTENT_MANAGER', 'CLIENT_ORGANIZATION_VIEWER'];

/** Owners and admins see every workspace of their organization and skip the workspace token. */
export function managesOrganization(role: OrganizationRole | undefined): boolean {
  return role === 'SUPER_ADMIN' || role === 'ORGANIZATION_OWNER' || role === 'ORGANIZATION_ADMIN';
}

export function writesWorkspace(role: WorkspaceRole | undefined): boolean {
  return role === 'CLIENT_ORGANIZATION_ADMIN' || role === 'CLIENT_ORGANIZATION_CONTENT_MANAGER';
}
