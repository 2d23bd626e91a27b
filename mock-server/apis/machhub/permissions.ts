/**
 * MACHHUB's permission model, as pure functions: groups are granted (feature, action, scope);
 * `read-write` implies `read`; scopes are ordered nil < self < domain < all and a higher grant
 * answers a lower question; members of `superuser` pass every check.
 */
export const SCOPES = ['nil', 'self', 'domain', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export const SUPERUSER_GROUP = 'superuser';

/** The domain's configured verbs: built-ins first, then the custom ones this domain uses. */
export const DOMAIN_VERBS = ['read', 'read-write', 'create', 'update', 'delete', 'export'];

export interface Grant {
  feature: string;
  action: string;
  scope: Scope;
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

export function scopeCovers(granted: Scope, asked: Scope): boolean {
  return SCOPES.indexOf(granted) >= SCOPES.indexOf(asked);
}

/** Who asks: the group names of the user, and the features a restricted API key may use. */
export interface Asker {
  groups: string[];
  grants: Grant[];
  /** Features an API key is limited to; undefined for no limit. */
  featureLimit?: string[];
  /** False only to model the server bug of forgetting that read-write implies read. */
  readWriteImpliesRead?: boolean;
}

/** Every action the asker holds on `feature` at `scope`, in the domain's verb order. */
export function grantedActions(asker: Asker, feature: string, scope: Scope): string[] {
  if (asker.featureLimit && !asker.featureLimit.includes(feature)) return [];
  const held = new Set<string>();
  if (asker.groups.includes(SUPERUSER_GROUP)) {
    for (const verb of DOMAIN_VERBS) held.add(verb);
    for (const grant of asker.grants) held.add(grant.action);
  } else {
    for (const grant of asker.grants) {
      if (grant.feature !== feature || !scopeCovers(grant.scope, scope)) continue;
      held.add(grant.action);
      if (grant.action === 'read-write' && asker.readWriteImpliesRead !== false) held.add('read');
    }
  }
  const rank = (verb: string) => (DOMAIN_VERBS.includes(verb) ? DOMAIN_VERBS.indexOf(verb) : DOMAIN_VERBS.length);
  return [...held].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function isAllowed(asker: Asker, feature: string, action: string, scope: Scope): boolean {
  return grantedActions(asker, feature, scope).includes(action);
}
