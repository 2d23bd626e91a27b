/**
 * Keeps every served mock's state in one state file: restored at start, saved shortly after any
 * request that may have changed it (debounced, so a burst of logins is one write), and on stop.
 */
import { readStateFile, writeStateFile, type ApiSnapshot, type PersistedState } from './state-file.ts';
import { Table } from './store.ts';

const SAVE_DELAY_MS = 100;

export class StatePersistence {
  private readonly sources = new Map<string, () => ApiSnapshot>();
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    readonly path: string,
    private readonly saved: PersistedState | undefined,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Reads the file if there is one; throws a clear error for a file that is not a state file. */
  static open(path: string, onError: (error: Error) => void = (error) => console.error(`state not saved: ${error.message}`)): StatePersistence {
    return new StatePersistence(path, readStateFile(path), onError);
  }

  /** True when the file existed: the mocks continue from it instead of the seed. */
  get restored(): boolean {
    return this.saved !== undefined;
  }

  snapshotOf(api: string): ApiSnapshot | undefined {
    return this.saved?.apis[api];
  }

  register(api: string, source: () => ApiSnapshot): void {
    this.sources.set(api, source);
  }

  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.saveNow();
    }, SAVE_DELAY_MS);
  }

  /** Writes now (and cancels a pending write); errors go to onError, the mock keeps serving. */
  saveNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // APIs not served this time keep what the file had for them.
    const apis: Record<string, ApiSnapshot> = { ...this.saved?.apis };
    for (const [api, source] of this.sources) apis[api] = source();
    try {
      writeStateFile(this.path, { format: 'auth-conformance-state', version: 1, savedAt: new Date().toISOString(), apis });
    } catch (error) {
      this.onError(error as Error);
    }
  }
}

/** The rows of every table in an API's state object. */
export function snapshotTables(state: object): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value instanceof Table).map(([name, table]) => [name, (table as Table<{ id: string }>).all()]));
}

/** Puts saved rows back into the tables of a freshly seeded state; tables the file lacks keep their seed. */
export function restoreTables(state: object, tables: Record<string, unknown[]>): void {
  const target = state as Record<string, unknown>;
  for (const [name, rows] of Object.entries(tables)) {
    if (target[name] instanceof Table && Array.isArray(rows)) target[name] = new Table(rows as Array<{ id: string }>);
  }
}
