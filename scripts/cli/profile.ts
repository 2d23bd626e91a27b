/**
 * Target profiles: one YAML file says which servers a run checks and with what (credentials by
 * environment reference only), what the suites may rely on about the target's data, which rules to
 * run, and the target's known deviations. `auth-conformance test --config FILE` turns it into the
 * environment the suites read. docs/profiles/staging.example.yaml is a worked example.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { API_NAMES, RULE_PREFIXES, type ApiName } from '../../specs/apis.ts';
import { ACCOUNT_ROLES } from '../../suites/accounts.ts';
import { RULE_SELECTOR } from '../../suites/harness/run-policy.ts';
import { UsageError } from './usage.ts';

/** A value taken from the environment at run time: `{ env: NAME }`. */
const ENV_REFERENCE = { type: 'object', required: ['env'], additionalProperties: false, properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } } };
const USERNAME = { anyOf: [{ type: 'string', minLength: 1 }, ENV_REFERENCE] };
const RULE_PATTERN = { type: 'string', pattern: RULE_SELECTOR };

const PROFILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    targets: {
      type: 'object',
      minProperties: 1,
      propertyNames: { enum: [...API_NAMES] },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['baseUrl'],
        properties: {
          baseUrl: { type: 'string', pattern: '^https?://' },
          accounts: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              required: ['username', 'password'],
              // A password is always a reference: the secret itself never sits in the file.
              properties: { username: USERNAME, password: ENV_REFERENCE, personalAccessToken: ENV_REFERENCE },
            },
          },
          jwtSecret: ENV_REFERENCE,
          allowMutation: { type: 'boolean' },
          fixtures: { type: 'object' },
        },
      },
    },
    mailbox: {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: {
        kind: { enum: ['mock', 'smtp', 'maildev', 'mailpit'] },
        smtpPort: { type: 'integer', minimum: 1, maximum: 65535 },
        // The web address of the catcher (MailDev, Mailpit) the server sends its mail to.
        url: { type: 'string', pattern: '^https?://' },
      },
      // A catcher is read through its web address; an SMTP sink is not.
      if: { properties: { kind: { enum: ['maildev', 'mailpit'] } } },
      then: { required: ['url'] },
      else: { not: { required: ['url'] } },
    },
    rules: { type: 'array', items: RULE_PATTERN },
    tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    level: { enum: ['required', 'recommended'] },
    strict: { type: 'boolean' },
    expectedFailures: {
      type: 'object',
      propertyNames: { pattern: `^${RULE_PREFIXES}-[A-Z]+-\\d{3}$` },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['reason'],
        properties: { reason: { type: 'string', minLength: 1 }, link: { type: 'string' } },
      },
    },
  },
} as const;

interface EnvReference {
  env: string;
}

interface TargetProfile {
  baseUrl: string;
  accounts?: Record<string, { username: string | EnvReference; password: EnvReference; personalAccessToken?: EnvReference }>;
  jwtSecret?: EnvReference;
  allowMutation?: boolean;
  fixtures?: Record<string, unknown>;
}

export interface Profile {
  targets: Partial<Record<ApiName, TargetProfile>>;
  mailbox?: { kind: 'mock' | 'smtp' | 'maildev' | 'mailpit'; smtpPort?: number; url?: string };
  rules?: string[];
  tags?: string[];
  level?: 'required' | 'recommended';
  strict?: boolean;
  expectedFailures?: Record<string, { reason: string; link?: string }>;
}

const validate = new Ajv2020({ allErrors: true }).compile(PROFILE_SCHEMA);

export function parseProfile(text: string, source: string): Profile {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!validate(document)) {
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(top)'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
    throw new UsageError(`${source} is not a target profile:\n  ${[...new Set(problems)].join('\n  ')}\n(a password, secret or token is written as {env: NAME}, never as the value itself)`);
  }
  const profile = document as Profile;
  for (const [api, target] of Object.entries(profile.targets) as [ApiName, TargetProfile][]) {
    const unknown = Object.keys(target.accounts ?? {}).filter((role) => !(ACCOUNT_ROLES[api] as readonly string[]).includes(role));
    if (unknown.length > 0) throw new UsageError(`${source}: ${api} has no role ${unknown.join(', ')}; its roles: ${ACCOUNT_ROLES[api].join(', ')}`);
  }
  return profile;
}

export function readProfile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the profile ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseProfile(text, path);
}

function resolveReference(reference: string | EnvReference, what: string, env: NodeJS.ProcessEnv): string {
  if (typeof reference === 'string') return reference;
  const value = env[reference.env];
  if (!value) throw new UsageError(`${what} comes from $${reference.env}, which is not set`);
  return value;
}

/** The environment a run of the profile's targets gets; references are resolved from `env`. */
export function profileEnvironment(profile: Profile, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  const fixtures: Record<string, unknown> = {};
  for (const [api, target] of Object.entries(profile.targets) as [ApiName, TargetProfile][]) {
    const prefix = api.toUpperCase();
    out[`${prefix}_BASE_URL`] = target.baseUrl.replace(/\/+$/, '');
    for (const [role, account] of Object.entries(target.accounts ?? {})) {
      const key = `${prefix}_${role.toUpperCase()}`;
      out[`${key}_USERNAME`] = resolveReference(account.username, `the ${api} ${role} username`, env);
      out[`${key}_PASSWORD`] = resolveReference(account.password, `the ${api} ${role} password`, env);
      if (account.personalAccessToken) out[`${key}_PAT`] = resolveReference(account.personalAccessToken, `the ${api} ${role} personal access token`, env);
    }
    if (target.jwtSecret) out[`${prefix}_JWT_SECRET`] = resolveReference(target.jwtSecret, `the ${api} signing secret`, env);
    if (target.fixtures) fixtures[api] = target.fixtures;
    if (target.allowMutation) out[`${prefix}_ALLOW_MUTATION`] = '1';
  }
  if (Object.keys(fixtures).length > 0) out.CONFORMANCE_FIXTURES = JSON.stringify(fixtures);
  if (profile.expectedFailures) out.CONFORMANCE_EXPECTED_FAILURES = JSON.stringify(profile.expectedFailures);
  if (profile.rules?.length) out.CONFORMANCE_RULES = profile.rules.join(',');
  if (profile.tags?.length) out.CONFORMANCE_TAGS = profile.tags.join(',');
  if (profile.level) out.CONFORMANCE_LEVEL = profile.level;
  if (profile.strict) out.CONFORMANCE_STRICT = '1';
  if (profile.mailbox) out.CONFORMANCE_MAILBOX = profile.mailbox.kind;
  if (profile.mailbox?.smtpPort) out.CONFORMANCE_SMTP_PORT = String(profile.mailbox.smtpPort);
  if (profile.mailbox?.url) out.CONFORMANCE_MAILBOX_URL = profile.mailbox.url;
  return out;
}
