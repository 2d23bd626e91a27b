/** Teams and projects: the default pair made on verification, and their views. */
import type { components } from '../../../specs/generated/enclaive.d.ts';
import type { EnclaiveContext } from './context.ts';
import { ENCLAIVE_VARIANTS } from './variants.ts';
import { objectId, type ProjectRecord, type TeamRecord, type UserRecord } from './state.ts';

type Schemas = components['schemas'];

/** Gives the user a default team and a default project in it, and (unless told not to) verifies it. */
export function createDefaultTeam(context: EnclaiveContext, user: UserRecord, verify = true): UserRecord {
  const now = context.clock.now().toISOString();
  const team = context.state.teams.insert({
    id: objectId(),
    name: `${user.name}'s team`,
    owner: user.id,
    members: [user.id],
    isDefault: true,
    createdAt: now,
    updatedAt: now,
  });
  context.state.projects.insert({
    id: objectId(),
    name: 'Default project',
    description: 'Created with the team',
    isDefault: true,
    owner: user.id,
    team: team.id,
    createdAt: now,
    updatedAt: now,
  });
  return context.state.users.update(user.id, { verified: verify || user.verified, currentTeamId: team.id }) ?? user;
}

export function toTeam(team: TeamRecord, context?: EnclaiveContext): Schemas['Team'] | (Omit<Schemas['Team'], '_id'> & { id: string }) {
  const { id, ...rest } = team;
  // Variant: no team field is published, so the id may as well be called `id`.
  if (context?.variants.on(ENCLAIVE_VARIANTS.teamIdNamedId.id)) return { id, ...rest, members: [...team.members] };
  return { _id: id, ...rest, members: [...team.members] };
}

export function toProject(project: ProjectRecord): Schemas['Project'] {
  const { id, ...rest } = project;
  return { _id: id, ...rest };
}
