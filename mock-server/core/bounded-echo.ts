/**
 * The part of a client's input an error may echo back (FastAPI's `input`): a copy cut to a few
 * levels, items and characters, so that a hostile body (nested 10,000 deep, megabytes long) costs
 * the error writer no more than a small one, and serialising the error can never overflow the stack.
 */
export interface EchoLimits {
  depth: number;
  items: number;
  characters: number;
}

export const ECHO_LIMITS: EchoLimits = { depth: 4, items: 20, characters: 200 };

const CUT = '…';

export function boundedEcho(value: unknown, limits: EchoLimits = ECHO_LIMITS): unknown {
  return copy(value, limits, 0);
}

function copy(value: unknown, limits: EchoLimits, depth: number): unknown {
  if (typeof value === 'string') return value.length > limits.characters ? `${value.slice(0, limits.characters)}${CUT}` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= limits.depth) return CUT;
  if (Array.isArray(value)) {
    const items = value.slice(0, limits.items).map((item) => copy(item, limits, depth + 1));
    return value.length > limits.items ? [...items, CUT] : items;
  }
  // A plain object without a prototype: a key such as "__proto__" stays a key and sets nothing.
  const out: Record<string, unknown> = Object.create(null);
  const keys = Object.keys(value);
  for (const key of keys.slice(0, limits.items)) out[key.length > limits.characters ? `${key.slice(0, limits.characters)}${CUT}` : key] = copy((value as Record<string, unknown>)[key], limits, depth + 1);
  if (keys.length > limits.items) out[CUT] = CUT;
  return out;
}
