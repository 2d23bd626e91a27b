import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createMachhubMock } from './app.ts';
import { MACHHUB_FAULT_CATALOG } from './faults.ts';

export const machhub: MockApiDefinition = {
  name: 'machhub',
  title: 'MACHHUB',
  defaultPort: 4011,
  envPrefix: 'MACHHUB',
  faults: MACHHUB_FAULT_CATALOG,
  create: createMachhubMock,
};
