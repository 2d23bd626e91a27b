/**
 * Fault switches: deliberate, realistic server bugs a mock can be started with (or switched on
 * through /__mock/faults), so the conformance suites can prove they catch them. A reset of the
 * mock's data leaves the faults as they are. Each fault wraps seams of the mock (seams.ts); the
 * token faults, shared by every API, wrap its issuer (token-faults.ts).
 */
export interface FaultDefinition {
  id: string;
  description: string;
  /**
   * Set when the bug breaks only our own inference, not what a source states (say which): then only
   * recommended rules can fairly catch it, and the kill matrix expects a warning, that is a red
   * `--strict` run, rather than a red default run.
   */
  breaksInference?: string;
}

export class FaultSwitches {
  private readonly active = new Set<string>();

  constructor(readonly catalog: FaultDefinition[]) {}

  on(id: string): boolean {
    return this.active.has(id);
  }

  /** Replaces the active set; throws on an id the catalog does not hold. */
  set(ids: string[]): void {
    const unknown = ids.filter((id) => !this.catalog.some((fault) => fault.id === id));
    if (unknown.length > 0) throw new Error(`unknown fault ${unknown.join(', ')}; known: ${this.catalog.map((fault) => fault.id).join(', ')}`);
    this.active.clear();
    for (const id of ids) this.active.add(id);
  }

  list(): string[] {
    return [...this.active];
  }
}

/**
 * The faults meant for one API in a `MOCK_FAULTS` / `--fault` list such as
 * "vinmake:accept-alg-none,machhub:ignore-permission-check".
 */
export function faultsFor(api: string, spec: string | undefined): string[] {
  return (spec ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith(`${api}:`))
    .map((entry) => entry.slice(api.length + 1));
}
