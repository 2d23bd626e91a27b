/**
 * Each API's reference docs at /docs: Swagger UI (served from the swagger-ui-dist package, no
 * network) over the API's own spec at /docs/openapi.yaml.
 */
import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { specPath, type ApiName } from '../../specs/apis.ts';
import { folderPage } from './folder-page.ts';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

function page(api: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${api} API reference</title>
<link rel="stylesheet" href="assets/swagger-ui.css"></head>
<body><div id="reference"></div>
<script src="assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: 'openapi.yaml', dom_id: '#reference', deepLinking: true });</script>
</body></html>`;
}

export function docsRouter(api: string): Router {
  const router = express.Router();
  router.get('/', folderPage((res) => res.type('html').send(page(api))));
  router.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').sendFile(specPath(api as ApiName));
  });
  router.use('/assets', express.static(SWAGGER_UI_DIR, { index: false, fallthrough: false }));
  return router;
}
