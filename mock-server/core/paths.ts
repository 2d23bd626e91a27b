/**
 * Where the project's files are, from sources (mock-server/core/) and from the bundle (dist/) alike:
 * the nearest folder up whose package.json is this project's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'auth-conformance') return folder;
    if (dirname(folder) === folder) throw new Error(`auth-conformance's package.json is not above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

export const projectPath = (...segments: string[]) => join(PROJECT_ROOT, ...segments);
