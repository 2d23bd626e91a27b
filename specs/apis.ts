/** The contracts this project holds, by API name. Specs are the single source of truth. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// This module runs from specs/ (sources) or from dist/ (the bundled mock): the specs stay in specs/.
const HERE = dirname(fileURLToPath(import.meta.url));
export const SPEC_DIR = existsSync(join(HERE, 'vinmake.yaml')) ? HERE : join(HERE, '..', 'specs');

export const API_NAMES = ['vinmake', 'machhub', 'vntana', 'enclaive'] as const;
export type ApiName = (typeof API_NAMES)[number];

/** The vendor's own spelling, for messages and reports. */
export const API_TITLES: Record<ApiName, string> = { vinmake: 'VinMake', machhub: 'MACHHUB', vntana: 'VNTANA', enclaive: 'enclaive' };

export function specPath(api: ApiName): string {
  return join(SPEC_DIR, `${api}.yaml`);
}

export function generatedTypesPath(api: ApiName): string {
  return join(SPEC_DIR, 'generated', `${api}.d.ts`);
}

/** Where `npm run build` leaves each spec parsed to JSON, stamped with the hash of its YAML. */
export function parsedSpecPath(api: ApiName): string {
  return join(SPEC_DIR, '..', 'dist', 'specs', `${api}.json`);
}

export function specDigest(yamlText: string): string {
  return createHash('sha256').update(yamlText).digest('hex');
}

/**
 * The parsed OpenAPI document of one API. Parsing YAML was a third of the mock's start-up, so the
 * JSON the build made is used while it matches the YAML byte for byte; an edited spec is parsed again.
 */
export function loadSpec(api: ApiName): OpenApiDocument {
  const yamlText = readFileSync(specPath(api), 'utf8');
  const parsedPath = parsedSpecPath(api);
  if (existsSync(parsedPath)) {
    const parsed = JSON.parse(readFileSync(parsedPath, 'utf8')) as { digest?: string; document?: OpenApiDocument };
    if (parsed.digest === specDigest(yamlText) && parsed.document) return parsed.document;
  }
  return parse(yamlText) as OpenApiDocument;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}
