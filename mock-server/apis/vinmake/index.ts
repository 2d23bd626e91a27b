import { randomToken } from '../../core/secrets.ts';
import { API_CATALOG } from '../../../specs/apis.ts';
import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createVinmakeMock } from './app.ts';
import { VINMAKE_FAULT_CATALOG } from './faults.ts';
import { VINMAKE_VARIANT_CATALOG } from './variants.ts';

export const vinmake: MockApiDefinition = {
  name: 'vinmake',
  ...API_CATALOG.vinmake,
  signingKey: { env: 'VINMAKE_JWT_SECRET', generate: async () => randomToken(32) },
  faults: VINMAKE_FAULT_CATALOG,
  variants: VINMAKE_VARIANT_CATALOG,
  create: createVinmakeMock,
};
