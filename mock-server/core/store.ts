/** An in-memory table of records keyed by id, in insertion order. */
export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, T>();

  constructor(rows: Iterable<T> = []) {
    for (const row of rows) this.rows.set(row.id, row);
  }

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  filter(predicate: (row: T) => boolean): T[] {
    return this.all().filter(predicate);
  }

  find(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (predicate(row)) return row;
    return undefined;
  }

  insert(row: T): T {
    if (this.rows.has(row.id)) throw new Error(`duplicate id ${row.id}`);
    this.rows.set(row.id, row);
    return row;
  }

  /** Replaces a row with a changed copy; records handed out earlier stay unchanged. */
  update(id: string, change: Partial<T>): T | undefined {
    const current = this.rows.get(id);
    if (!current) return undefined;
    const next = { ...current, ...change, id };
    this.rows.set(id, next);
    return next;
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  /** The row inserted first. */
  oldest(): T | undefined {
    return this.rows.values().next().value;
  }

  /** Deletes the row inserted first. */
  deleteOldest(): void {
    const first = this.rows.keys().next();
    if (!first.done) this.rows.delete(first.value);
  }

  /** Deletes every row the predicate picks; returns how many went. */
  deleteWhere(predicate: (row: T) => boolean): number {
    let deleted = 0;
    for (const [id, row] of this.rows) {
      if (predicate(row)) {
        this.rows.delete(id);
        deleted += 1;
      }
    }
    return deleted;
  }

  get size(): number {
    return this.rows.size;
  }
}

/** Slices a list into one page, with the counts clients need to walk the rest. */
export function paginate<T>(items: T[], page: number, limit: number) {
  const total = items.length;
  const totalPages = Math.ceil(total / limit);
  return {
    data: items.slice((page - 1) * limit, page * limit),
    pagination: { page, limit, total, totalPages, hasNext: page < totalPages, hasPrev: page > 1 },
  };
}
