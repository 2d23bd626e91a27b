/** The MACHHUB mock's seed: the seeded users of the README, their groups and grants, and a products table. */
import type { Scope } from './permissions.ts';

export const SEED_USERS = [
  { id: 'users:admin', username: 'admin', password: 'admin' },
  { id: 'users:operator', username: 'operator', password: 'operator-pass-1' },
];

export const SEED_GROUPS = [
  { id: 'groups:superuser', name: 'superuser', members: ['users:admin'] },
  { id: 'groups:operators', name: 'operators', members: ['users:operator'] },
];

/** The operator's grants: enough to show the scope order, read-write implying read, and a custom verb. */
export const SEED_GRANTS: { id: string; groupId: string; feature: string; action: string; scope: Scope }[] = [
  { id: 'permissions:op-collections', groupId: 'groups:operators', feature: 'collections', action: 'read-write', scope: 'domain' },
  { id: 'permissions:op-users', groupId: 'groups:operators', feature: 'users', action: 'read', scope: 'self' },
  { id: 'permissions:op-dashboard', groupId: 'groups:operators', feature: 'dashboard', action: 'export', scope: 'domain' },
  { id: 'permissions:op-flows', groupId: 'groups:operators', feature: 'flows', action: 'read', scope: 'all' },
];

const SEEDED_AT = '2026-01-05T09:00:00.000Z';

export const SEED_PRODUCTS = [
  { id: 'products:p1', name: 'Spindle motor', sku: 'SPM-200', price: 420.5, stock: 12, category: 'motors' },
  { id: 'products:p2', name: 'Servo drive', sku: 'SRV-10', price: 1299, stock: 3, category: 'drives' },
  { id: 'products:p3', name: 'Proximity sensor', sku: 'PRX-8', price: 35.9, stock: 140, category: 'sensors' },
  { id: 'products:p4', name: 'Emergency stop', sku: 'EST-1', price: 18, stock: 0, category: 'safety' },
].map((product) => ({ ...product, created_at: SEEDED_AT, updated_at: SEEDED_AT }));
