import { describe, expect, it } from 'vitest';
import { parseRecordQuery, runQuery } from '../../mock-server/apis/machhub/records.ts';

const FIELDS = ['name', 'price', 'active'] as const;
const rows = [
  { name: 'a', price: 5, active: true },
  { name: 'b', price: 50, active: false },
  { name: 'c', price: 500, active: true },
];

describe('data-plane queries', () => {
  it('filters by typed operator, sorts and pages', () => {
    const query = parseRecordQuery(
      { filter: { price: { gte: { number: '50' } }, active: { eq: { boolean: 'true' } } }, sort: '-price' },
      FIELDS,
      { offset: 0 },
    );
    expect(runQuery(rows, query).map((row) => row.name)).toEqual(['c']);
    expect(runQuery(rows, parseRecordQuery({ sort: 'price:desc' }, FIELDS, { limit: 1, offset: 1 })).map((row) => row.name)).toEqual(['b']);
    expect(runQuery(rows, parseRecordQuery({ filter: { name: { contains: { string: 'B' } } } }, FIELDS, { offset: 0 }))).toHaveLength(1);
  });

  it('refuses unknown fields, operators, types and values with a 400', () => {
    for (const query of [
      { filter: { colour: { eq: { string: 'x' } } } },
      { filter: { price: { near: { number: '1' } } } },
      { filter: { price: { eq: { date: '1' } } } },
      { filter: { price: { eq: { number: 'x' } } } },
      { filter: { active: { eq: { boolean: 'yes' } } } },
      { filter: 'price' },
      { sort: 'colour' },
      { sort: 'price:sideways' },
    ]) {
      expect(() => parseRecordQuery(query, FIELDS, { offset: 0 })).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
