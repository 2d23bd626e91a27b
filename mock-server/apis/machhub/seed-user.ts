/** Control-plane seeding of extra MACHHUB users, e.g. one without any grant. */
import { controlPlaneError } from '../../core/control-plane.ts';
import { HttpError } from '../../core/http-error.ts';
import type { MachhubContext } from './context.ts';
import { createUser } from './routes/admin.ts';
import { groupsOf } from './state.ts';

export async function seedUser(context: MachhubContext, body: unknown) {
  const { username, password, groups } = (body ?? {}) as Record<string, unknown>;
  if (typeof username !== 'string' || username === '') throw controlPlaneError('username must be a non-empty string');
  if (typeof password !== 'string' || password === '') throw controlPlaneError('password must be a non-empty string');
  if (groups !== undefined && (!Array.isArray(groups) || !groups.every((group) => typeof group === 'string'))) {
    throw controlPlaneError('groups must be an array of group names');
  }
  try {
    const user = await createUser(context.state, { username, password, groups: groups as string[] | undefined });
    return { id: user.id, username: user.username, groups: groupsOf(context.state, user.id).map((group) => group.name) };
  } catch (error) {
    if (error instanceof HttpError) throw controlPlaneError(error.message);
    throw error;
  }
}
