import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../specs/apis.ts';
import { SpecValidator } from '../../mock-server/core/validation.ts';

const validator = new SpecValidator(loadSpec('vinmake'));

describe('SpecValidator', () => {
  it('reports each missing required field with its location', () => {
    expect(validator.body('LoginForm', {})).toEqual([
      { location: ['body', 'username'], kind: 'missing', message: 'Field required', input: null },
      { location: ['body', 'password'], kind: 'missing', message: 'Field required', input: null },
    ]);
    expect(validator.body('LoginForm', { username: 'a', password: 'b' })).toEqual([]);
  });

  it('reports wrong types and formats with the offending input', () => {
    const [issue] = validator.body('PasswordResetRequest', { email: 'not-an-email' });
    expect(issue).toMatchObject({ location: ['body', 'email'], input: 'not-an-email' });
    expect(validator.body('MaterialCreate', { name: 'x', unit: 5 })).toContainEqual(
      expect.objectContaining({ location: ['body', 'unit'], kind: 'string_type', input: 5 }),
    );
  });

  it('coerces query strings, applies defaults and checks ranges', () => {
    expect(validator.query('listMaterials', {})).toEqual({ values: { page: 1, limit: 20 }, issues: [] });
    expect(validator.query('listMaterials', { page: '3', limit: '50' }).values).toEqual({ page: 3, limit: 50 });
    const { issues } = validator.query('listMaterials', { limit: '0' });
    expect(issues).toEqual([expect.objectContaining({ location: ['query', 'limit'], kind: 'greater_than_equal' })]);
  });
});
