/** The enclaive mock's seed: the verified user of the README with its default team and project. */
export const SEEDED_AT = '2026-01-05T09:00:00.000Z';

export const SEED_USER = {
  id: '65a000000000000000000001',
  email: 'user@enclaive.test',
  password: 'user-pass-1',
  name: 'Seeded User',
};

export const SEED_TEAM = { id: '65a0000000000000000000t1', name: "Seeded User's team" };
export const SEED_PROJECT = { id: '65a0000000000000000000p1', name: 'Default project', description: 'Created with the team' };
