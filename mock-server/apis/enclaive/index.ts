import { randomToken } from '../../core/secrets.ts';
import { API_CATALOG } from '../../../specs/apis.ts';
import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createEnclaiveMock } from './app.ts';
import { ENCLAIVE_FAULT_CATALOG } from './faults.ts';
import { ENCLAIVE_VARIANT_CATALOG } from './variants.ts';

export const enclaive: MockApiDefinition = {
  name: 'enclaive',
  ...API_CATALOG.enclaive,
  signingKey: { env: 'ENCLAIVE_JWT_SECRET', generate: async () => randomToken(32) },
  faults: ENCLAIVE_FAULT_CATALOG,
  variants: ENCLAIVE_VARIANT_CATALOG,
  create: createEnclaiveMock,
};
