/** The contracts this project holds, by API name. Specs are the single source of truth. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// This module runs from specs/ (sources) or from dist/ (the bundled mock): the specs stay in specs/.
const HERE = dirname(fileURLToPath(import.meta.url));
export const SPEC_DIR = existsSync(join(HERE, 'vinmake.yaml')) ? HERE : join(HERE, '..', 'specs');

/** The APIs, in port order. Adding one starts here: docs/adding-an-api.md. */
export const API_NAMES = ['vinmake', 'machhub', 'vntana', 'enclaive'] as const;
export type ApiName = (typeof API_NAMES)[number];

export interface ApiEntry {
  /** The vendor's own spelling, for messages and reports. */
  title: string;
  /** Prefix of the API's variables: <PREFIX>_BASE_URL, <PREFIX>_PORT, <PREFIX>_<ROLE>_USERNAME, ... */
  envPrefix: string;
  /** The mock's port unless told otherwise; the APIs take consecutive ports in the order above. */
  defaultPort: number;
  /** What the API's rule ids start with: VM-LOGIN-001. */
  rulePrefix: string;
}

/**
 * The catalog's first column: what every layer knows an API by. Each layer keys its own piece by
 * the API's name (mock definition, seeded accounts, suite, bearer scheme, fuzz target, bench
 * routes), typed so that a missing piece does not compile; tests/unit/api-catalog.test.ts checks
 * the files.
 */
export const API_CATALOG = {
  vinmake: { title: 'VinMake', envPrefix: 'VINMAKE', defaultPort: 4010, rulePrefix: 'VM' },
  machhub: { title: 'MACHHUB', envPrefix: 'MACHHUB', defaultPort: 4011, rulePrefix: 'MH' },
  vntana: { title: 'VNTANA', envPrefix: 'VNTANA', defaultPort: 4012, rulePrefix: 'VN' },
  enclaive: { title: 'enclaive', envPrefix: 'ENCLAIVE', defaultPort: 4013, rulePrefix: 'EN' },
} as const satisfies Record<ApiName, ApiEntry>;

/** The first part of a rule id: an API's prefix, or X for the cross-API rules. */
export const RULE_PREFIXES: string = `(${[...API_NAMES.map((name) => API_CATALOG[name].rulePrefix), 'X'].join('|')})`;

export const API_TITLES: Record<ApiName, string> = Object.fromEntries(API_NAMES.map((name) => [name, API_CATALOG[name].title])) as Record<ApiName, string>;

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
