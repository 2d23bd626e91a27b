import { describe, expect, it } from 'vitest';
import { redactSecrets, registerSecret, registerSecretsFromEnv } from '../../suites/harness/redact.ts';

describe('redactSecrets', () => {
  it('masks whole tokens, tokens cut short by a truncated body, and API keys', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
    expect(redactSecrets(`{"access_token":"${token}"}`)).toBe('{"access_token":"[redacted-jwt]"}');
    expect(redactSecrets('body: {"access_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1')).toBe('body: {"access_token":"[redacted-jwt]');
    expect(redactSecrets('key vmk_abcdef123456 and mchx_a1b2c3d4e5f6_secret')).toBe('key vmk_[redacted] and mchx_[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('expected 401, got 200')).toBe('expected 401, got 200');
  });

  it('masks opaque tokens, passwords and secrets once they are known, from the run or its environment', () => {
    registerSecret('Zx81opaqueTokenValue');
    registerSecretsFromEnv({ VNTANA_OWNER_PAT: 'pat-value-123', VINMAKE_ADMIN_PASSWORD: 'AdminPass!2024', VINMAKE_BASE_URL: 'http://127.0.0.1:4010' });
    expect(redactSecrets('x-auth-token: Zx81opaqueTokenValue')).toBe('x-auth-token: [redacted]');
    expect(redactSecrets('{"personal-access-token":"pat-value-123","password":"AdminPass!2024"}')).toBe('{"personal-access-token":"[redacted]","password":"[redacted]"}');
    expect(redactSecrets('POST http://127.0.0.1:4010/auth/login')).toBe('POST http://127.0.0.1:4010/auth/login');
  });
});
