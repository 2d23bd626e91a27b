/** The enclaive mock's mutable state, rebuilt from the seed on every reset. */
import { randomBytes } from 'node:crypto';
import type { MailedTokenRecord } from '../../core/mailed-tokens.ts';
import { seedPasswordHash } from '../../core/passwords.ts';
import { Table } from '../../core/store.ts';
import { SEED_PROJECT, SEED_TEAM, SEED_USER, SEEDED_AT } from './seed.ts';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  verified: boolean;
  /** Every token carries it; bumping it (on a password reset) kills all outstanding tokens. */
  tokenVersion: number;
  currentTeamId: string | null;
  createdAt: string;
}

export interface TeamRecord {
  id: string;
  name: string;
  owner: string;
  members: string[];
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectRecord {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
  owner: string;
  team: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnclaiveState {
  users: Table<UserRecord>;
  teams: Table<TeamRecord>;
  projects: Table<ProjectRecord>;
  verificationTokens: Table<MailedTokenRecord>;
  resetTokens: Table<MailedTokenRecord>;
  /** Token ids (jti) retired by a refresh, kept until the token would have expired anyway. */
  revokedTokens: Table<{ id: string; expiresAt: number }>;
}

/** A 24-hex-digit id, shaped like the MongoDB ObjectIds the vendor's records carry. */
export function objectId(): string {
  return randomBytes(12).toString('hex');
}

export async function createSeededState(): Promise<EnclaiveState> {
  const user: UserRecord = {
    id: SEED_USER.id,
    email: SEED_USER.email,
    name: SEED_USER.name,
    passwordHash: await seedPasswordHash(SEED_USER.password),
    verified: true,
    tokenVersion: 0,
    currentTeamId: SEED_TEAM.id,
    createdAt: SEEDED_AT,
  };
  const team = { ...SEED_TEAM, owner: user.id, members: [user.id], isDefault: true, createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
  const project = { ...SEED_PROJECT, isDefault: true, owner: user.id, team: team.id, createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
  return {
    users: new Table([user]),
    teams: new Table([team]),
    projects: new Table([project]),
    verificationTokens: new Table<MailedTokenRecord>(),
    resetTokens: new Table<MailedTokenRecord>(),
    revokedTokens: new Table<{ id: string; expiresAt: number }>(),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(state: EnclaiveState, email: string): UserRecord | undefined {
  const wanted = normalizeEmail(email);
  return state.users.find((user) => user.email === wanted);
}
