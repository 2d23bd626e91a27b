import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, credentialProblems } from '../../scripts/cli/test.ts';
import { UsageError } from '../../scripts/cli/usage.ts';

// Without any target or credential settings of the machine running the tests.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_(BASE_URL|USERNAME|PASSWORD)$/.test(name)));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/auth-conformance.js', ...args], { encoding: 'utf8', env: cleanEnv });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('auth-conformance test: a selection', () => {
  it('runs only the selected rule; the files left without rules do not fail the run', { timeout: 180_000 }, () => {
    const env = Object.fromEntries(Object.entries(cleanEnv).filter(([name]) => !name.startsWith('CONFORMANCE_')));
    const result = spawnSync(process.execPath, ['bin/auth-conformance.js', 'test', 'vinmake', '--rule', 'VM-LOGIN-001'], { encoding: 'utf8', env });
    expect(result.stdout).toMatch(/required +1 passed, 0 failed, 0 skipped\n +recommended 0 passed, 0 failed, 0 skipped/);
    expect(result.status, result.stdout.slice(-2000)).toBe(0);
  });
});

describe('auth-conformance test: input checks', () => {
  it('takes http and https base URLs and refuses the rest with a reason', () => {
    expect(checkBaseUrl('https://staging.example.com/')).toBe('https://staging.example.com');
    expect(() => checkBaseUrl('staging.example.com')).toThrow(UsageError);
    expect(() => checkBaseUrl('ftp://staging.example.com')).toThrow(/http:\/\/ or https:\/\//);
  });

  it('names every credential variable that is missing', () => {
    const none = credentialProblems('machhub', {});
    expect(none).toEqual({ configured: 0, missing: ['MACHHUB_ADMIN_USERNAME and MACHHUB_ADMIN_PASSWORD', 'MACHHUB_OPERATOR_USERNAME and MACHHUB_OPERATOR_PASSWORD'] });
    const some = credentialProblems('machhub', { MACHHUB_ADMIN_USERNAME: 'a', MACHHUB_ADMIN_PASSWORD: 'b' });
    expect(some).toEqual({ configured: 1, missing: ['MACHHUB_OPERATOR_USERNAME and MACHHUB_OPERATOR_PASSWORD'] });
  });
});

describe('the auth-conformance command', () => {
  it('lists its commands and exits 0 for --help', () => {
    const { status, out } = cli('--help');
    expect(status).toBe(0);
    for (const command of ['mock', 'test', 'lint', 'bench', 'report']) expect(out).toContain(`  ${command} `);
  });

  it('exits 2 with a clear message for an unknown command, API or option', () => {
    expect(cli('serve')).toMatchObject({ status: 2, err: expect.stringContaining('unknown command "serve"') });
    expect(cli('test', 'acme')).toMatchObject({ status: 2, err: expect.stringContaining('unknown API "acme"') });
    expect(cli('test', 'vinmake', '--base-url')).toMatchObject({ status: 2, err: expect.stringContaining('--base-url') });
    expect(cli('mock', 'acme')).toMatchObject({ status: 2, err: expect.stringContaining('unknown API acme') });
  });

  it('refuses a server without credentials, naming the variables to set', () => {
    const { status, err } = cli('test', 'enclaive', '--base-url', 'http://127.0.0.1:9');
    expect(status).toBe(2);
    expect(err).toContain('ENCLAIVE_USER_USERNAME and ENCLAIVE_USER_PASSWORD');
  });

  it('refuses a bad level, rule id or profile before running anything', () => {
    expect(cli('test', 'vinmake', '--level', 'maybe')).toMatchObject({ status: 2, err: expect.stringContaining('--level must be required or recommended') });
    expect(cli('test', 'vinmake', '--rule', 'login')).toMatchObject({ status: 2, err: expect.stringContaining('no rule id') });
    expect(cli('test', '--config', 'no/such/profile.yaml')).toMatchObject({ status: 2, err: expect.stringContaining('cannot read the profile') });
    const profile = join(mkdtempSync(join(tmpdir(), 'profile-')), 'staging.yaml');
    writeFileSync(profile, 'targets:\n  vinmake:\n    baseUrl: http://127.0.0.1:9\n');
    expect(cli('test', 'machhub', '--config', profile)).toMatchObject({ status: 2, err: expect.stringContaining('no target for machhub') });
    expect(cli('test', 'enclaive', '--mailbox', 'imap')).toMatchObject({ status: 2, err: expect.stringContaining('--mailbox must be one of mock, smtp') });
    expect(cli('test', 'vinmake', '--config', profile, '--mailbox', 'smtp')).toMatchObject({ status: 2, err: expect.stringContaining('needs --smtp-port N') });
    expect(cli('test', 'vinmake', '--mailbox', 'mailpit')).toMatchObject({ status: 2, err: expect.stringContaining('--mailbox mailpit needs --mailbox-url URL') });
    expect(cli('test', 'vinmake', '--mailbox', 'maildev', '--mailbox-url', 'smtp://127.0.0.1:1025')).toMatchObject({ status: 2, err: expect.stringContaining('--mailbox-url must be an http(s) URL') });
    expect(cli('test', 'vinmake', '--mailbox', 'smtp', '--mailbox-url', 'http://127.0.0.1:8025')).toMatchObject({ status: 2, err: expect.stringContaining('--mailbox-url goes with --mailbox maildev or mailpit') });
  });

  it('shows the options of one command', () => {
    const { status, out } = cli('mock', '--help');
    expect(status).toBe(0);
    expect(out).toContain('--state FILE');
  });
});
