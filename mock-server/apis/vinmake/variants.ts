/**
 * The vinmake mock's variants: choices its document leaves open, made the other way. Every suite must
 * pass each of them without a required failure (npm run variant-matrix).
 */
import { CORE_VARIANTS, type VariantDefinition } from '../../core/variants.ts';

export const VINMAKE_VARIANTS = {
  ...CORE_VARIANTS,
  materialLinkSnake: {
    id: 'material-link-snake',
    description: 'names the field tying a material to its client record `client_id` (requests and answers), not `clientId`, and answers no camelCase aliases',
    basis: 'silence: the document names no field linking a material to a client record; its material example has only "name", "type" and "unit"',
  },
  putReplaces: {
    id: 'put-replaces',
    description: 'PUT replaces a material or client record whole: fields left out are cleared (a material without name is refused with 422)',
    basis: 'silence: "Full CRUD access to most resources" does not say whether an update merges or replaces',
  },
  writesAnswer200: {
    id: 'writes-answer-200',
    description: 'creates answer 200 instead of 201, deletes answer 200 with the deleted record, revoking a key answers 204 without a body',
    basis: 'silence: the document gives no status for creating, deleting or revoking anything (only "Success Response (200)" for login)',
  },
  bareRoleCheck: {
    id: 'bare-role-check',
    description: 'the /auth/test/* endpoints answer 200 {"ok": true} without naming role or e-mail',
    basis: 'silence: "Each endpoint returns 200 OK only if you have the required role level or higher." names no body',
  },
  jsonLogin: {
    id: 'json-login',
    description: 'the login also accepts its two fields as a JSON body',
    basis: 'silence: the document gives "Content-Type: application/x-www-form-urlencoded" for the login but does not say other bodies are refused',
  },
} as const satisfies Record<string, VariantDefinition>;

export const VINMAKE_VARIANT_CATALOG: VariantDefinition[] = Object.values(VINMAKE_VARIANTS);
