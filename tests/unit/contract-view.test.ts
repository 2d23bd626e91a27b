/** The documented contract a rule may judge: documented fields only, extra members always allowed. */
import { describe, expect, test } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { contractView } from '../../specs/contract-view.ts';
import type { OpenApiDocument } from '../../specs/apis.ts';

const spec: OpenApiDocument = {
  openapi: '3.1.0',
  paths: {
    '/login': {
      post: {
        operationId: 'login',
        responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Login' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Login: {
        type: 'object',
        additionalProperties: false,
        required: ['access_token', 'user', 'required_role'],
        properties: {
          access_token: { type: 'string', 'x-source': 'the document shows access_token', pattern: '^eyJ' },
          user: { type: 'object', 'x-source': 'the document shows user', required: ['id'], properties: { id: { type: 'string', format: 'uuid', 'x-source': 'shown' } } },
          required_role: { type: 'string', 'x-inferred': 'the mock adds it' },
          createdAt: { type: 'string', format: 'date-time', 'x-source': 'the docs name createdAt', 'x-type-inferred': 'its form is not published' },
        },
      },
    },
  },
};

const schemaOf = (document: OpenApiDocument) => (document.components?.schemas as Record<string, object>).Login as object;

describe('contract view', () => {
  test('an undocumented field is neither required nor judged, and extra members pass', () => {
    const validate = new Ajv2020({ strict: false }).compile(schemaOf(contractView(spec)));
    expect(validate({ access_token: 'opaque', user: { id: 'u-1' }, required_role: 42, extra: true })).toBe(true);
    expect(validate({ access_token: 'opaque', user: { id: 'u-1' } })).toBe(true);
  });

  test('a documented field that is missing or of the wrong type still fails', () => {
    const validate = new Ajv2020({ strict: false }).compile(schemaOf(contractView(spec)));
    expect(validate({ user: { id: 'u-1' } })).toBe(false);
    expect(validate({ access_token: 7, user: { id: 'u-1' } })).toBe(false);
    expect(validate({ access_token: 'x', user: {} })).toBe(false);
  });

  test('a field the source names without a type is judged by its presence only', () => {
    const validate = new Ajv2020({ strict: false }).compile(schemaOf(contractView(spec)));
    expect(validate({ access_token: 'x', user: { id: 'u-1' }, createdAt: 1733270400 })).toBe(true);
  });

  test('the full spec stays strict for the mock', () => {
    const validate = new Ajv2020({ strict: false }).compile(schemaOf(spec));
    expect(validate({ access_token: 'opaque', user: { id: 'u-1' }, required_role: 'admin' })).toBe(false);
  });
});
