/**
 * The vntana mock's variants: choices its document leaves open, made the other way. Every suite must
 * pass each of them without a required failure (npm run variant-matrix).
 */
import { CORE_VARIANTS, type VariantDefinition } from '../../core/variants.ts';

export const VNTANA_VARIANTS = {
  ...CORE_VARIANTS,
  errorsWithNullResponse: {
    id: 'errors-with-null-response',
    description: 'error bodies carry "response": null beside success and errors, and logout answers response null',
    basis: 'docs/sources.md shows errors as {"success": false, "errors": ["CODE", ...]} and is silent on further members; every success body the guide shows has a response member',
  },
  loginFailure403: {
    id: 'login-failure-403',
    description: 'a wrong e-mail, password or personal access token answers 403 BAD_CREDENTIALS instead of 401',
    basis: 'vendor clients (docs/sources.md): "Login failures: 401, or 403 with `BAD_CREDENTIALS`."',
  },
  invalidClientUuid400: {
    id: 'invalid-client-uuid-400',
    description: 'a refresh for an unknown workspace answers 400 INVALID_CLIENT_UUID; for a workspace the member holds no role in, 403 FORBIDDEN',
    basis: 'docs/sources.md lists INVALID_CLIENT_UUID among the codes without a status or a case; out-of-scope requests are 403 FORBIDDEN',
  },
  productCreated201: {
    id: 'product-created-201',
    description: 'POST /v1/products answers 201 Created instead of 200',
    basis: 'silence: the clients name `POST /v1/products` (create) and no source gives its status',
  },
  unknownProduct403: {
    id: 'unknown-product-403',
    description: 'GET /v1/products/{uuid} answers an unknown product with 403 FORBIDDEN, as one out of reach, instead of 404 NOT_FOUND',
    basis: 'docs/sources.md lists NOT_FOUND among the codes without saying which call answers it; a 403 does not tell whether a product exists',
  },
} as const satisfies Record<string, VariantDefinition>;

export const VNTANA_VARIANT_CATALOG: VariantDefinition[] = Object.values(VNTANA_VARIANTS);
