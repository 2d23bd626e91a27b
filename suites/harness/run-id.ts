/**
 * The id of one conformance run, carried in the name of everything the run creates on a target so
 * that it can be told apart from the target's own data and removed. `CONFORMANCE_RUN_ID` fixes it
 * (the CLI sets it once for all test workers); otherwise one is made per process.
 */
import { randomBytes } from 'node:crypto';

let current: string | undefined;

export function runId(): string {
  current ??= process.env.CONFORMANCE_RUN_ID || newRunId();
  return current;
}

export function newRunId(): string {
  return `acrun-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
