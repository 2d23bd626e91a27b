/** The current team, a team's projects, and new projects; for verified accounts only. */
import express, { type Router } from 'express';
import type { components } from '../../../../specs/generated/enclaive.d.ts';
import { httpError } from '../../../core/http-error.ts';
import { createdStatus, validBody, type EnclaiveContext } from '../context.ts';
import { ENCLAIVE_ERRORS } from '../errors.ts';
import { objectId } from '../state.ts';
import { toProject, toTeam } from '../teams.ts';
import { authenticateOperation, callerOf } from '../tokens.ts';

type Schemas = components['schemas'];

export function teamRoutes(context: EnclaiveContext): Router {
  const router = express.Router();

  const currentTeam = (userId: string, teamId: string | null) => {
    const team = teamId ? context.state.teams.get(teamId) : undefined;
    if (!team || !team.members.includes(userId)) throw httpError(ENCLAIVE_ERRORS.teamNotFound);
    return team;
  };

  router.get('/api/teams/current', authenticateOperation(context, 'getCurrentTeam'), (_req, res) => {
    const { user } = callerOf(res);
    res.json(toTeam(currentTeam(user.id, user.currentTeamId), context));
  });

  router.get('/api/teams/:id/projects', authenticateOperation(context, 'listTeamProjects'), (req, res) => {
    const { user } = callerOf(res);
    const team = context.state.teams.get(String(req.params.id));
    if (!team) throw httpError(ENCLAIVE_ERRORS.teamNotFound);
    if (!team.members.includes(user.id)) throw httpError(ENCLAIVE_ERRORS.notTeamMember);
    res.json(context.state.projects.filter((project) => project.team === team.id).map(toProject));
  });

  router.post('/api/projects', authenticateOperation(context, 'createProject'), express.json({ limit: '16kb' }), (req, res) => {
    const { user } = callerOf(res);
    const input = validBody<Schemas['ProjectCreate']>(context, 'ProjectCreate', req.body);
    const team = currentTeam(user.id, user.currentTeamId);
    const now = context.clock.now().toISOString();
    const project = context.state.projects.insert({
      id: objectId(),
      name: input.name,
      description: input.description ?? '',
      isDefault: false,
      owner: user.id,
      team: team.id,
      createdAt: now,
      updatedAt: now,
    });
    res.status(createdStatus(context)).json(toProject(project));
  });

  return router;
}
