/** The contracts this project holds, by API name. Specs are the single source of truth. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// This module runs from specs/ (sources) or from dist/ (the bundled mock): the specs stay in specs/.
const HERE = dirname(fileURLToPath(import.meta.url));
export const SPEC_DIR = existsSync(join(HERE, 'vinmake.yaml')) ? HERE : join(HERE, '..', 'specs');

export const API_NAMES = ['vinmake', 'machhub', 'vntana', 'enclaive'] as const;
export type ApiName = (typeof API_NAMES)[number];

export function specPath(api: ApiName): string {
  return join(SPEC_DIR, `${api}.yaml`);
}

export function generatedTypesPath(api: ApiName): string {
  return join(SPEC_DIR, 'generated', `${api}.d.ts`);
}

/** The parsed OpenAPI document of one API. */
export function loadSpec(api: ApiName): OpenApiDocument {
  return parse(readFileSync(specPath(api), 'utf8')) as OpenApiDocument;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}
