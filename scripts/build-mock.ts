/**
 * `npm run build`: bundles the mock server into one file, dist/mock-server.mjs, so it starts
 * without compiling TypeScript on the fly. `npm start` runs it (building first); the specs are
 * still read from specs/ at start, so an edited spec needs no rebuild.
 */
import { build } from 'esbuild';

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
console.log(`built dist/mock-server.mjs in ${Math.round(performance.now() - started)} ms`);
