/** The VNTANA mock's seed: one organization of the README with two workspaces, and a foreign one. */
import type { OrganizationRole, WorkspaceRole } from './roles.ts';

export const ACME_ORG = 'a0000000-0000-4000-8000-00000000000a';
export const OTHER_ORG = 'a0000000-0000-4000-8000-00000000000b';
export const FOOTWEAR = 'c0000000-0000-4000-8000-000000000001';
export const FURNITURE = 'c0000000-0000-4000-8000-000000000002';
export const LIGHTING = 'c0000000-0000-4000-8000-000000000003';

export const SEED_ORGANIZATIONS = [
  { uuid: ACME_ORG, slug: 'acme-3d', name: 'Acme 3D', imageBlobId: null, created: '2024-03-01T10:15:00.000' },
  { uuid: OTHER_ORG, slug: 'other-studio', name: 'Other Studio', imageBlobId: null, created: '2024-05-20T08:00:00.000' },
];

export const SEED_WORKSPACES = [
  { uuid: FOOTWEAR, organizationUuid: ACME_ORG, slug: 'footwear', name: 'Footwear', imageBlobId: null, created: '2024-03-02T09:00:00.000' },
  { uuid: FURNITURE, organizationUuid: ACME_ORG, slug: 'furniture', name: 'Furniture', imageBlobId: null, created: '2024-03-03T09:00:00.000' },
  { uuid: LIGHTING, organizationUuid: OTHER_ORG, slug: 'lighting', name: 'Lighting', imageBlobId: null, created: '2024-05-21T09:00:00.000' },
];

export interface SeedUser {
  uuid: string;
  email: string;
  password: string;
  /** Default personal access token; `VNTANA_<ROLE>_PAT` replaces it. */
  personalAccessToken: string;
  envRole: string;
  organizationRoles: Record<string, OrganizationRole>;
  workspaceRoles: Record<string, WorkspaceRole>;
}

export const SEED_USERS: SeedUser[] = [
  {
    uuid: 'b0000000-0000-4000-8000-000000000001',
    email: 'owner@vntana.test',
    password: 'owner-pass-1',
    personalAccessToken: 'owner-pat-1',
    envRole: 'OWNER',
    organizationRoles: { [ACME_ORG]: 'ORGANIZATION_OWNER' },
    workspaceRoles: {},
  },
  {
    uuid: 'b0000000-0000-4000-8000-000000000002',
    email: 'member@vntana.test',
    password: 'member-pass-1',
    personalAccessToken: 'member-pat-1',
    envRole: 'MEMBER',
    organizationRoles: { [ACME_ORG]: 'ORGANIZATION_CLIENT_MEMBER' },
    workspaceRoles: { [FOOTWEAR]: 'CLIENT_ORGANIZATION_VIEWER' },
  },
];

export const SEED_PRODUCTS = [
  { uuid: 'd0000000-0000-4000-8000-000000000001', clientUuid: FOOTWEAR, name: 'Trail runner', status: 'LIVE_PUBLIC' as const },
  { uuid: 'd0000000-0000-4000-8000-000000000002', clientUuid: FOOTWEAR, name: 'Court sneaker', status: 'DRAFT' as const },
  { uuid: 'd0000000-0000-4000-8000-000000000003', clientUuid: FURNITURE, name: 'Lounge chair', status: 'LIVE_INTERNAL' as const },
  { uuid: 'd0000000-0000-4000-8000-000000000004', clientUuid: LIGHTING, name: 'Arc lamp', status: 'LIVE_PUBLIC' as const },
].map((product) => ({ ...product, created: '2024-06-01T12:00:00.000' }));

export const SEED_PIPELINES = [
  { uuid: 'e0000000-0000-4000-8000-000000000001', name: 'Standard optimization' },
  { uuid: 'e0000000-0000-4000-8000-000000000002', name: 'AR ready' },
];
