/** Control-plane seeding of extra VinMake users, e.g. one a test may change the password of. */
import { randomUUID } from 'node:crypto';
import { controlPlaneError } from '../../core/control-plane.ts';
import { hashPassword } from '../../core/passwords.ts';
import type { VinmakeContext } from './context.ts';
import { isRole } from './roles.ts';
import { findUserByEmail } from './state.ts';

export async function seedUser(context: VinmakeContext, body: unknown) {
  const { email, password, role, clientId } = (body ?? {}) as Record<string, unknown>;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) throw controlPlaneError('email must be an e-mail address');
  if (typeof password !== 'string' || password.length === 0) throw controlPlaneError('password must be a non-empty string');
  if (!isRole(role)) throw controlPlaneError('role must be one of client, staff, admin');
  if (findUserByEmail(context.state, email)) throw controlPlaneError(`a user ${email} exists already`);
  let confinedTo: string | null = null;
  if (role === 'client') {
    if (typeof clientId !== 'string' || !context.state.clients.get(clientId)) {
      throw controlPlaneError('a client user needs the clientId of an existing client record');
    }
    confinedTo = clientId;
  }
  const user = context.state.users.insert({
    id: randomUUID(),
    email,
    passwordHash: await hashPassword(password),
    role,
    clientId: confinedTo,
  });
  return { id: user.id, email: user.email, role: user.role, clientId: user.clientId };
}
