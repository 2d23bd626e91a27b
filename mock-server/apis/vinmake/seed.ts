/** The VinMake mock's seed: the seeded users of the README, two client records and their materials. */
import type { Role } from './roles.ts';

export interface SeedUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  clientId: string | null;
}

export const ACME_CLIENT_ID = 'c0000000-0000-4000-8000-000000000001';
export const BLUE_RIVER_CLIENT_ID = 'c0000000-0000-4000-8000-000000000002';

export const SEED_USERS: SeedUser[] = [
  { id: 'a0000000-0000-4000-8000-000000000001', email: 'admin@vinmake.test', password: 'admin-pass-1', role: 'admin', clientId: null },
  { id: 'a0000000-0000-4000-8000-000000000002', email: 'staff@vinmake.test', password: 'staff-pass-1', role: 'staff', clientId: null },
  { id: 'a0000000-0000-4000-8000-000000000003', email: 'client@vinmake.test', password: 'client-pass-1', role: 'client', clientId: ACME_CLIENT_ID },
  { id: 'a0000000-0000-4000-8000-000000000004', email: 'client2@vinmake.test', password: 'client2-pass-1', role: 'client', clientId: BLUE_RIVER_CLIENT_ID },
  // Kept for the password-reset rules: a run changes its password and sets it back.
  { id: 'a0000000-0000-4000-8000-000000000005', email: 'reset@vinmake.test', password: 'reset-pass-1', role: 'staff', clientId: null },
];

const SEEDED_AT = '2026-01-05T09:00:00.000Z';

export const SEED_CLIENTS = [
  { id: ACME_CLIENT_ID, name: 'Acme Apparel', country: 'US', currency: 'USD', maxAccountValue: 250000 },
  { id: BLUE_RIVER_CLIENT_ID, name: 'Blue River Textiles', country: 'VN', currency: 'VND', maxAccountValue: 1200000000 },
].map((client) => ({ ...client, createdAt: SEEDED_AT, updatedAt: SEEDED_AT }));

export const SEED_MATERIALS = [
  { id: 'm0000000-0000-4000-8000-000000000001', clientId: ACME_CLIENT_ID, name: 'Cotton Fabric', type: 'fabric', unit: 'yards' },
  { id: 'm0000000-0000-4000-8000-000000000002', clientId: ACME_CLIENT_ID, name: 'Brass Zipper 20cm', type: 'trim', unit: 'pieces' },
  { id: 'm0000000-0000-4000-8000-000000000003', clientId: BLUE_RIVER_CLIENT_ID, name: 'Linen Blend', type: 'fabric', unit: 'meters' },
  { id: 'm0000000-0000-4000-8000-000000000004', clientId: BLUE_RIVER_CLIENT_ID, name: 'Coconut Button', type: 'trim', unit: 'pieces' },
  { id: 'm0000000-0000-4000-8000-000000000005', clientId: null, name: 'Polyester Thread', type: 'thread', unit: 'spools' },
].map((material) => ({ ...material, createdAt: SEEDED_AT, updatedAt: SEEDED_AT }));
