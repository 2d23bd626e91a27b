/**
 * The file `--state FILE` keeps the mocks' state in. Writes are atomic: the new content goes to a
 * temporary file in the same folder, is flushed to disk, and replaces the old file by rename, so a
 * crash at any moment leaves either the old state or the new one, never a torn file.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ApiSnapshot {
  /** The signing secret or private key the mock was started with, so its tokens stay valid. */
  signingKey?: string;
  /** Every table of the API's state: rows by table name. */
  tables: Record<string, unknown[]>;
}

export interface PersistedState {
  format: 'auth-conformance-state';
  version: 1;
  savedAt: string;
  apis: Record<string, ApiSnapshot>;
}

export function readStateFile(path: string): PersistedState | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: Partial<PersistedState>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<PersistedState>;
  } catch (error) {
    throw new Error(`state file ${path} is not readable JSON (${(error as Error).message}); move it away to start from the seed`, { cause: error });
  }
  if (parsed.format !== 'auth-conformance-state' || parsed.version !== 1 || typeof parsed.apis !== 'object' || parsed.apis === null) {
    throw new Error(`${path} is not an auth-conformance state file (version 1); move it away to start from the seed`);
  }
  return parsed as PersistedState;
}

export function writeStateFile(path: string, state: PersistedState): void {
  const data = `${JSON.stringify(state)}\n`;
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    // Owner-only: the file holds password hashes and signing keys.
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  // The rename itself is durable only once the folder is flushed.
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
