import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createVinmakeMock } from './app.ts';

export const vinmake: MockApiDefinition = {
  name: 'vinmake',
  title: 'VinMake',
  defaultPort: 4010,
  envPrefix: 'VINMAKE',
  create: createVinmakeMock,
};
