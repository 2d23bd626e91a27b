/** Target profiles: secrets by reference only, known roles, and the environment a run gets. */
import { describe, expect, test } from 'vitest';
import { parseProfile, profileEnvironment, readProfile } from '../../scripts/cli/profile.ts';
import { UsageError } from '../../scripts/cli/usage.ts';

const PROFILE = `
targets:
  vinmake:
    baseUrl: https://staging.vinmake.example/
    allowMutation: true
    accounts:
      admin: { username: ops@vinmake.example, password: { env: VM_ADMIN_PASSWORD } }
      client: { username: { env: VM_CLIENT_USER }, password: { env: VM_CLIENT_PASSWORD } }
    jwtSecret: { env: VM_JWT_SECRET }
    fixtures: { clientRecordOf: { client: c-17 } }
rules: [VM-*]
level: required
expectedFailures:
  VM-KEY-004: { reason: revoked keys live on for a minute, link: https://tracker.example/42 }
`;

describe('target profile', () => {
  test('turns into the environment the suites read, secrets resolved from references', () => {
    const env = profileEnvironment(parseProfile(PROFILE, 'p.yaml'), {
      VM_ADMIN_PASSWORD: 'pw-a-123456',
      VM_CLIENT_USER: 'buyer@acme.example',
      VM_CLIENT_PASSWORD: 'pw-c-123456',
      VM_JWT_SECRET: 'secret-123456',
    });
    expect(env).toMatchObject({
      VINMAKE_BASE_URL: 'https://staging.vinmake.example',
      VINMAKE_ADMIN_USERNAME: 'ops@vinmake.example',
      VINMAKE_ADMIN_PASSWORD: 'pw-a-123456',
      VINMAKE_CLIENT_USERNAME: 'buyer@acme.example',
      VINMAKE_JWT_SECRET: 'secret-123456',
      VINMAKE_ALLOW_MUTATION: '1',
      CONFORMANCE_RULES: 'VM-*',
      CONFORMANCE_LEVEL: 'required',
    });
    expect(JSON.parse(env.CONFORMANCE_FIXTURES as string)).toEqual({ vinmake: { clientRecordOf: { client: 'c-17' } } });
    expect(JSON.parse(env.CONFORMANCE_EXPECTED_FAILURES as string)['VM-KEY-004'].link).toBe('https://tracker.example/42');
  });

  test('a password written into the file is refused', () => {
    const literal = PROFILE.replace('password: { env: VM_ADMIN_PASSWORD }', 'password: hunter2');
    expect(() => parseProfile(literal, 'p.yaml')).toThrow(UsageError);
    expect(() => parseProfile(literal, 'p.yaml')).toThrow(/never as the value itself/);
  });

  test('an unknown role, API or key is refused with what is known', () => {
    expect(() => parseProfile(PROFILE.replace('client: {', 'manager: {'), 'p.yaml')).toThrow(/its roles: admin, staff, client, client2/);
    expect(() => parseProfile('targets: { shopify: { baseUrl: "https://x" } }', 'p.yaml')).toThrow(UsageError);
    expect(() => parseProfile(`${PROFILE}\ncolour: blue\n`, 'p.yaml')).toThrow(/colour/);
  });

  test('a mail catcher is named with its web address, and only a catcher has one', () => {
    const env = { VM_ADMIN_PASSWORD: 'a', VM_CLIENT_USER: 'b', VM_CLIENT_PASSWORD: 'c', VM_JWT_SECRET: 'd' };
    const withCatcher = profileEnvironment(parseProfile(`${PROFILE}mailbox: { kind: mailpit, url: http://127.0.0.1:8025 }\n`, 'p.yaml'), env);
    expect(withCatcher).toMatchObject({ CONFORMANCE_MAILBOX: 'mailpit', CONFORMANCE_MAILBOX_URL: 'http://127.0.0.1:8025' });
    expect(() => parseProfile(`${PROFILE}mailbox: { kind: maildev }\n`, 'p.yaml')).toThrow(/url/);
    expect(() => parseProfile(`${PROFILE}mailbox: { kind: smtp, smtpPort: 2525, url: http://127.0.0.1:8025 }\n`, 'p.yaml')).toThrow(UsageError);
  });

  test('a reference to an unset variable names it', () => {
    expect(() => profileEnvironment(parseProfile(PROFILE, 'p.yaml'), {})).toThrow(/VM_ADMIN_PASSWORD/);
  });

  test('the example profile in docs/ is a valid profile', () => {
    expect(Object.keys(readProfile('docs/profiles/staging.example.yaml').targets)).toEqual(['vinmake', 'machhub', 'vntana', 'enclaive']);
  });
});
