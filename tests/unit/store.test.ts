import { describe, expect, it } from 'vitest';
import { Table, paginate } from '../../mock-server/core/store.ts';

describe('Table', () => {
  it('inserts, updates by copy, filters and deletes', () => {
    const table = new Table([{ id: 'a', n: 1 }]);
    const before = table.get('a');
    table.insert({ id: 'b', n: 2 });
    expect(() => table.insert({ id: 'b', n: 3 })).toThrow(/duplicate/);
    expect(table.update('a', { n: 10 })).toEqual({ id: 'a', n: 10 });
    expect(before).toEqual({ id: 'a', n: 1 });
    expect(table.filter((row) => row.n > 5).map((row) => row.id)).toEqual(['a']);
    expect(table.delete('a')).toBe(true);
    expect(table.update('a', { n: 1 })).toBeUndefined();
    expect(table.size).toBe(1);
  });
});

describe('paginate', () => {
  it('slices a page and reports its neighbours', () => {
    const items = [1, 2, 3, 4, 5];
    expect(paginate(items, 2, 2)).toEqual({
      data: [3, 4],
      pagination: { page: 2, limit: 2, total: 5, totalPages: 3, hasNext: true, hasPrev: true },
    });
    expect(paginate([], 1, 20).pagination).toMatchObject({ total: 0, totalPages: 0, hasNext: false, hasPrev: false });
  });
});
