import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatePersistence, restoreTables, snapshotTables } from '../../mock-server/core/persistence.ts';
import { readStateFile, writeStateFile, type PersistedState } from '../../mock-server/core/state-file.ts';
import { Table } from '../../mock-server/core/store.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'state-file-'));
const state = (rows: unknown[]): PersistedState => ({ format: 'auth-conformance-state', version: 1, savedAt: '2026-01-01T00:00:00.000Z', apis: { demo: { tables: { users: rows } } } });

describe('state file', () => {
  it('round-trips, readable by its owner only', () => {
    const path = join(folder(), 'state.json');
    writeStateFile(path, state([{ id: 'u1' }]));
    expect(readStateFile(path)?.apis.demo?.tables.users).toEqual([{ id: 'u1' }]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps the old content whole when a write fails midway, and leaves no temporary file', () => {
    const dir = folder();
    const path = join(dir, 'state.json');
    writeStateFile(path, state([{ id: 'before' }]));
    const unserializable = state([{ id: 'after', size: 1n }]);
    expect(() => writeStateFile(path, unserializable)).toThrow();
    expect(readStateFile(path)?.apis.demo?.tables.users).toEqual([{ id: 'before' }]);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('says what is wrong with a file that is not a state file', () => {
    const path = join(folder(), 'state.json');
    writeFileSync(path, '{"format": "other"}');
    expect(() => readStateFile(path)).toThrow(/not an auth-conformance state file/);
    writeFileSync(path, '{"torn": ');
    expect(() => readStateFile(path)).toThrow(/not readable JSON/);
  });

  it('treats a missing file as a fresh start', () => {
    expect(readStateFile(join(folder(), 'absent.json'))).toBeUndefined();
  });
});

describe('state persistence', () => {
  it('snapshots every table and restores rows into a fresh state', () => {
    const live = { users: new Table([{ id: 'u1' }, { id: 'u2' }]), counter: 3 };
    const fresh = { users: new Table([{ id: 'seed' }]), counter: 0 };
    restoreTables(fresh, snapshotTables(live));
    expect(fresh.users.all()).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    expect(fresh.counter).toBe(0);
  });

  it('writes what the registered sources hold and keeps APIs not served this time', () => {
    const path = join(folder(), 'state.json');
    writeStateFile(path, { ...state([]), apis: { other: { tables: { users: [{ id: 'kept' }] } } } });
    const persistence = StatePersistence.open(path);
    expect(persistence.restored).toBe(true);
    persistence.register('demo', () => ({ signingKey: 'k', tables: { users: [{ id: 'u1' }] } }));
    persistence.saveNow();
    const saved = JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
    expect(saved.apis.demo).toEqual({ signingKey: 'k', tables: { users: [{ id: 'u1' }] } });
    expect(saved.apis.other?.tables.users).toEqual([{ id: 'kept' }]);
  });
});
