import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createEnclaiveMock } from './app.ts';
import { ENCLAIVE_FAULT_CATALOG } from './faults.ts';

export const enclaive: MockApiDefinition = {
  name: 'enclaive',
  title: 'enclaive',
  defaultPort: 4013,
  envPrefix: 'ENCLAIVE',
  faults: ENCLAIVE_FAULT_CATALOG,
  create: createEnclaiveMock,
};
