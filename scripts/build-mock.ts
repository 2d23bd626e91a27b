/**
 * `npm run build`: bundles the mock server into one file, dist/mock-server.mjs, so it starts
 * without compiling TypeScript on the fly, and each spec parsed to dist/specs/<api>.json. `npm start`
 * runs it (building first); an edited spec is noticed at start and read from its YAML.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { API_NAMES, parsedSpecPath, specDigest, specPath } from '../specs/apis.ts';

const started = performance.now();
await build({
  entryPoints: ['mock-server/main.ts'],
  outfile: 'dist/mock-server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS packages still call require(); give the ES module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
// The specs parsed once, for a faster start; loadSpec uses them only while they match the YAML.
mkdirSync('dist/specs', { recursive: true });
for (const api of API_NAMES) {
  const yamlText = readFileSync(specPath(api), 'utf8');
  writeFileSync(parsedSpecPath(api), JSON.stringify({ digest: specDigest(yamlText), document: parse(yamlText) }));
}
console.log(`built dist/mock-server.mjs and dist/specs/ in ${Math.round(performance.now() - started)} ms`);
