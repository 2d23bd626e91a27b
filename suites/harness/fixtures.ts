/**
 * Facts about a target's data that a rule may rely on, stated by the operator in the target
 * profile (`fixtures:`) and handed to the run as CONFORMANCE_FIXTURES, e.g.
 * `{"vinmake": {"clientRecordOf": {"client": "c-17"}}}`. On a mock no facts are needed: rules find
 * their data through the API.
 */
export type FixtureFacts = Record<string, unknown>;

let parsed: Record<string, FixtureFacts> | undefined;

export function fixtureFacts(api: string): FixtureFacts {
  parsed ??= JSON.parse(process.env.CONFORMANCE_FIXTURES || '{}') as Record<string, FixtureFacts>;
  return parsed[api] ?? {};
}

/** A fact under a dotted path (`clientRecordOf.client`), or undefined. */
export function fact(facts: FixtureFacts, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), facts);
}
