import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createMachhubMock } from './app.ts';

export const machhub: MockApiDefinition = {
  name: 'machhub',
  title: 'MACHHUB',
  defaultPort: 4011,
  envPrefix: 'MACHHUB',
  create: createMachhubMock,
};
