/** Control-plane seeding of extra enclaive users, verified (with a default team) or not. */
import { controlPlaneError } from '../../core/control-plane.ts';
import { hashPassword } from '../../core/passwords.ts';
import type { EnclaiveContext } from './context.ts';
import { findUserByEmail, normalizeEmail, objectId } from './state.ts';
import { createDefaultTeam } from './teams.ts';

export async function seedUser(context: EnclaiveContext, body: unknown) {
  const { email, password, name, verified } = (body ?? {}) as Record<string, unknown>;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) throw controlPlaneError('email must be an e-mail address');
  if (typeof password !== 'string' || password === '') throw controlPlaneError('password must be a non-empty string');
  if (findUserByEmail(context.state, email)) throw controlPlaneError(`a user ${email} exists already`);
  const user = context.state.users.insert({
    id: objectId(),
    email: normalizeEmail(email),
    name: typeof name === 'string' && name !== '' ? name : email,
    passwordHash: await hashPassword(password),
    verified: false,
    tokenVersion: 0,
    currentTeamId: null,
    createdAt: context.clock.now().toISOString(),
  });
  const result = verified === false ? user : createDefaultTeam(context, user);
  return { id: result.id, email: result.email, name: result.name, verified: result.verified, team: result.currentTeamId };
}
