import { randomToken } from '../../core/secrets.ts';
import { API_CATALOG } from '../../../specs/apis.ts';
import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createVntanaMock } from './app.ts';
import { VNTANA_FAULT_CATALOG } from './faults.ts';
import { VNTANA_VARIANT_CATALOG } from './variants.ts';

export const vntana: MockApiDefinition = {
  name: 'vntana',
  ...API_CATALOG.vntana,
  signingKey: { env: 'VNTANA_JWT_SECRET', generate: async () => randomToken(32) },
  faults: VNTANA_FAULT_CATALOG,
  variants: VNTANA_VARIANT_CATALOG,
  create: createVntanaMock,
};
