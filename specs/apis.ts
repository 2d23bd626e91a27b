/** The contracts this project holds, by API name. Specs are the single source of truth. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const API_NAMES = ['vinmake', 'machhub', 'vntana', 'enclaive'] as const;
export type ApiName = (typeof API_NAMES)[number];

export function specPath(api: ApiName): string {
  return fileURLToPath(new URL(`./${api}.yaml`, import.meta.url));
}

export function generatedTypesPath(api: ApiName): string {
  return fileURLToPath(new URL(`./generated/${api}.d.ts`, import.meta.url));
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
