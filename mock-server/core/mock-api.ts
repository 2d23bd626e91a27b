/** What every API folder exports, so the launcher and the test harness treat all four alike. */
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { FaultDefinition } from './faults.ts';
import type { MailRelay } from './smtp-relay.ts';
import type { VariantDefinition } from './variants.ts';

/** A seeded login, printed at start and documented in the README. */
export interface SeededAccount {
  login: string;
  password: string;
  role: string;
  note?: string;
}

export interface MockOptions {
  logger: Logger;
  /** Environment to read API settings from (secrets, lifetimes); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Fault ids to start with (see each API's faults.ts). */
  faults?: string[];
  /** Where every mail also goes over SMTP, besides the outbox. */
  mailRelay?: MailRelay;
  /** Variant ids to start with (see each API's variants.ts): choices the document leaves open. */
  variants?: string[];
  /** Called after every request that may have changed state (any method but GET, HEAD, OPTIONS). */
  onStateChange?: () => void;
}

export interface MockInstance {
  app: Express;
  seededAccounts: SeededAccount[];
  /** The live state object (its tables are what a state file keeps); replaced on reset. */
  state(): object;
}

export interface MockApiDefinition {
  name: string;
  title: string;
  defaultPort: number;
  /** Prefix of this API's environment variables, e.g. VINMAKE. */
  envPrefix: string;
  /** Every fault this mock can be started with. */
  faults: FaultDefinition[];
  /** Every variant this mock can be started in. */
  variants: VariantDefinition[];
  /** The environment variable holding the signing secret or key, and how to make a new one. */
  signingKey: { env: string; generate(): Promise<string> };
  create(options: MockOptions): Promise<MockInstance>;
}
