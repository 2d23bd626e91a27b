/**
 * The machhub mock's variants: choices its document leaves open, made the other way. Every suite must
 * pass each of them without a required failure (npm run variant-matrix).
 */
import { CORE_VARIANTS, type VariantDefinition } from '../../core/variants.ts';

export const MACHHUB_VARIANTS = {
  ...CORE_VARIANTS,
  deleteEchoesId: {
    id: 'delete-echoes-id',
    description: 'DELETE of an API key or a record answers {success: true, id} instead of {success: true}',
    basis: 'silence: the SDK facts name `DELETE /api/api-key/delete` and `DELETE /machhub/{recordId}` but no answer body',
  },
  permissionEchoFields: {
    id: 'permission-echo-fields',
    description: 'the permission answers echo the question: {actions, feature, scope} and {permission, feature, scope, action}',
    basis: 'the page shows `{ "actions": [...] }` and the SDK reads `{actions}` / `{permission}`; nothing forbids further members',
  },
  keyWithoutSeparator: {
    id: 'key-without-separator',
    description: 'API keys read mchx_<12-character id><secret>, with no underscore between id and secret',
    basis: '"API keys: `mchx_` + a 12-character lookup id + secret" names no separator',
  },
  meOtherFields: {
    id: 'me-other-fields',
    description: '/machhub/auth/me answers {user_id, username, group_names, auth_method} instead of {id, username, groups, domain, credential}',
    basis: 'silence: the SDK calls `GET /machhub/auth/me` and no document lists its members',
  },
  created200: {
    id: 'created-200',
    description: 'creating a user, group, grant, API key or record answers 200 instead of 201',
    basis: 'silence: no document states the status of a creation',
  },
  refusedAs403: {
    id: 'refused-as-403',
    description: 'a missing or invalid token or API key answers 403 instead of 401 (login keeps its documented 401)',
    basis: 'the page fixes 401 only for bad credentials at login ("Bad credentials return 401 Unauthorized"); it names no status for a refused credential',
  },
} as const satisfies Record<string, VariantDefinition>;

export const MACHHUB_VARIANT_CATALOG: VariantDefinition[] = Object.values(MACHHUB_VARIANTS);
