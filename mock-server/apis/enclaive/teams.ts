/** Teams and projects: the default pair made on verification, and their views. */
import type { components } from '../../../specs/generated/enclaive.d.ts';
import type { EnclaiveContext } from './context.ts';
import { objectId, type ProjectRecord, type TeamRecord, type UserRecord } from './state.ts';

type Schemas = components['schemas'];

/** Verifies the user and gives it a default team and a default project in it. */
export function createDefaultTeam(context: EnclaiveContext, user: UserRecord): UserRecord {
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
  return context.state.users.update(user.id, { verified: true, currentTeamId: team.id }) ?? user;
}

export function toTeam(team: TeamRecord): Schemas['Team'] {
  const { id, ...rest } = team;
  return { _id: id, ...rest, members: [...team.members] };
}

export function toProject(project: ProjectRecord): Schemas['Project'] {
  const { id, ...rest } = project;
  return { _id: id, ...rest };
}
