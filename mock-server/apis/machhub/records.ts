/**
 * Querying a table the way the data plane's `/all` does: `filter[field][op][type]=value`, `sort`,
 * `limit`, `offset`. Bad queries throw a 400 that names the part at fault.
 */
import { badRequest } from './errors.ts';

const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains'] as const;
type Operator = (typeof OPERATORS)[number];
const VALUE_TYPES = ['string', 'number', 'boolean'] as const;

export interface Condition {
  field: string;
  operator: Operator;
  value: string | number | boolean;
}

export interface RecordQuery {
  conditions: Condition[];
  sort?: { field: string; descending: boolean };
  limit?: number;
  offset: number;
}

function typedValue(raw: unknown, type: string, where: string): string | number | boolean {
  if (typeof raw !== 'string') throw badRequest(`${where} must be a single value`);
  if (type === 'string') return raw;
  if (type === 'number') {
    const number = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(number)) throw badRequest(`${where} is not a number: ${raw}`);
    return number;
  }
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw badRequest(`${where} is not a boolean: ${raw}`);
}

/** Reads the nested object qs makes of `filter[field][op][type]=value`. */
function conditionsOf(filter: unknown, fields: readonly string[]): Condition[] {
  if (filter === undefined) return [];
  if (typeof filter !== 'object' || filter === null) throw badRequest('filter must look like filter[field][op][type]=value');
  const conditions: Condition[] = [];
  for (const [field, byOperator] of Object.entries(filter)) {
    if (!fields.includes(field)) throw badRequest(`filter: unknown field ${field}`);
    if (typeof byOperator !== 'object' || byOperator === null) throw badRequest(`filter[${field}] needs [op][type]`);
    for (const [operator, byType] of Object.entries(byOperator)) {
      if (!(OPERATORS as readonly string[]).includes(operator)) throw badRequest(`filter[${field}]: unknown operator ${operator}`);
      if (typeof byType !== 'object' || byType === null) throw badRequest(`filter[${field}][${operator}] needs [type]`);
      for (const [type, raw] of Object.entries(byType)) {
        if (!(VALUE_TYPES as readonly string[]).includes(type)) throw badRequest(`filter[${field}][${operator}]: unknown type ${type}`);
        conditions.push({ field, operator: operator as Operator, value: typedValue(raw, type, `filter[${field}][${operator}][${type}]`) });
      }
    }
  }
  return conditions;
}

function sortOf(sort: unknown, fields: readonly string[]): RecordQuery['sort'] {
  if (sort === undefined || sort === '') return undefined;
  if (typeof sort !== 'string') throw badRequest('sort must be a single field');
  const [name, direction] = sort.startsWith('-') ? [sort.slice(1), 'desc'] : (sort.split(':') as [string, string?]);
  if (!fields.includes(name)) throw badRequest(`sort: unknown field ${name}`);
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') throw badRequest(`sort: direction must be asc or desc`);
  return { field: name, descending: direction === 'desc' };
}

export function parseRecordQuery(query: Record<string, unknown>, fields: readonly string[], paging: { limit?: number; offset: number }): RecordQuery {
  return { conditions: conditionsOf(query.filter, fields), sort: sortOf(query.sort, fields), ...paging };
}

function matches(record: Record<string, unknown>, { field, operator, value }: Condition): boolean {
  const actual = record[field];
  switch (operator) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'contains':
      return typeof actual === 'string' && actual.toLowerCase().includes(String(value).toLowerCase());
    default: {
      if (typeof actual !== typeof value || actual === null || actual === undefined) return false;
      const a = actual as number | string;
      const b = value as number | string;
      return operator === 'gt' ? a > b : operator === 'gte' ? a >= b : operator === 'lt' ? a < b : a <= b;
    }
  }
}

export function applyFilter<T extends object>(records: T[], conditions: Condition[]): T[] {
  return records.filter((record) => conditions.every((condition) => matches(record as Record<string, unknown>, condition)));
}

export function runQuery<T extends object>(records: T[], query: RecordQuery): T[] {
  let result = applyFilter(records, query.conditions);
  const { sort } = query;
  if (sort) {
    const value = (record: T) => (record as Record<string, unknown>)[sort.field] as string | number | null;
    result = [...result].sort((left, right) => {
      const a = value(left);
      const b = value(right);
      const order = a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
      return sort.descending ? -order : order;
    });
  }
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  return result.slice(query.offset, end);
}
