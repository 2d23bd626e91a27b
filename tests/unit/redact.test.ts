import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../suites/harness/redact.ts';

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
});
