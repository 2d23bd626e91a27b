import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createEnclaiveMock } from './app.ts';

export const enclaive: MockApiDefinition = {
  name: 'enclaive',
  title: 'enclaive',
  defaultPort: 4013,
  envPrefix: 'ENCLAIVE',
  create: createEnclaiveMock,
};
