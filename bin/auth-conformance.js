#!/usr/bin/env node
// The `auth-conformance` command: loads the TypeScript CLI through tsx, no build step needed.
import { tsImport } from 'tsx/esm/api';

await tsImport('../scripts/cli.ts', import.meta.url);
