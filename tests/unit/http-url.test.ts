import { describe, expect, it } from 'vitest';
import { urlOf } from '../../suites/harness/http.ts';

describe('urlOf', () => {
  it('keeps a gateway path of the base URL in front of every call', () => {
    expect(urlOf('https://gw.example/vinmake/', '/auth/login').href).toBe('https://gw.example/vinmake/auth/login');
    expect(urlOf('http://127.0.0.1:4010', '/api/v1/materials?limit=1').href).toBe('http://127.0.0.1:4010/api/v1/materials?limit=1');
  });
});
