import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createVntanaMock } from './app.ts';

export const vntana: MockApiDefinition = {
  name: 'vntana',
  title: 'VNTANA',
  defaultPort: 4012,
  envPrefix: 'VNTANA',
  create: createVntanaMock,
};
