/** Single-use tokens sent by mail (e-mail verification, password reset): made, mailed, redeemed once. */
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import { randomToken, sha256 } from './secrets.ts';
import type { Table } from './store.ts';

/** A mailed token as stored: only its digest, whose it is, until when, and whether it was used. */
export interface MailedTokenRecord {
  id: string;
  digest: string;
  userId: string;
  expiresAtMs: number;
  usedAt: string | null;
}

/** Makes a token for a user; earlier unused ones of the same kind die, so only the newest mail works. */
export function issueMailedToken(table: Table<MailedTokenRecord>, clock: Clock, userId: string, lifetimeSeconds: number): string {
  const usedAt = clock.now().toISOString();
  for (const earlier of table.filter((record) => record.userId === userId && record.usedAt === null)) table.update(earlier.id, { usedAt });
  const token = randomToken(24);
  table.insert({ id: randomUUID(), digest: sha256(token), userId, expiresAtMs: clock.nowMs() + lifetimeSeconds * 1000, usedAt: null });
  return token;
}

/** The user id a live token belongs to, marking it used; undefined for unknown, used or expired. */
export function redeemMailedToken(table: Table<MailedTokenRecord>, clock: Clock, token: string): string | undefined {
  const record = unexpiredRecord(table, clock, token);
  if (!record || record.usedAt !== null) return undefined;
  table.update(record.id, { usedAt: clock.now().toISOString() });
  return record.userId;
}

/** The user id an unexpired token belongs to, used or not, leaving it as it is. */
export function mailedTokenOwner(table: Table<MailedTokenRecord>, clock: Clock, token: string): string | undefined {
  return unexpiredRecord(table, clock, token)?.userId;
}

function unexpiredRecord(table: Table<MailedTokenRecord>, clock: Clock, token: string): MailedTokenRecord | undefined {
  const digest = sha256(token);
  const record = table.find((candidate) => candidate.digest === digest);
  return record && record.expiresAtMs > clock.nowMs() ? record : undefined;
}
