/**
 * A server run as its own process for measuring: started, timed to its first HTTP answer, sampled
 * for resident memory, stopped with its whole process group. Linux only for RSS (/proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';

export interface ServerProcess {
  name: string;
  pid: number;
  /** Milliseconds from spawn to the first HTTP answer on the probe URL. */
  startupMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export interface ServerCommand {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Answers (any status) once the server serves; 127.0.0.1 only. */
  probeUrl: string;
  /** http (default): ready at the first HTTP answer; tcp: once the port takes connections, no request sent. */
  probe?: 'http' | 'tcp';
  timeoutMs?: number;
}

/** True when something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await request(url, { headersTimeout: 2_000, bodyTimeout: 2_000 });
    await response.body.dump();
    return true;
  } catch {
    return false;
  }
}

export async function startServerProcess(spec: ServerCommand): Promise<ServerProcess> {
  if (new URL(spec.probeUrl).hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1 may be measured, not ${spec.probeUrl}`);
  const started = performance.now();
  // A group of its own, so a launcher's children (tsx, npx) stop with it.
  const child = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2_000);
  });
  const timeoutMs = spec.timeoutMs ?? 60_000;
  const probeUrl = new URL(spec.probeUrl);
  const ready = spec.probe === 'tcp' ? () => accepts(Number(probeUrl.port)) : () => answers(spec.probeUrl);
  while (!(await ready())) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${spec.name} exited (${child.exitCode ?? child.signalCode}): ${stderr}`);
    if (performance.now() - started > timeoutMs) {
      await stopGroup(child);
      throw new Error(`${spec.name} gave no answer on ${spec.probeUrl} within ${timeoutMs} ms`);
    }
    await delay(10);
  }
  const startupMs = performance.now() - started;
  const pid = child.pid ?? 0;
  return { name: spec.name, pid, startupMs, rssMb: () => rssOfTree(pid), stop: () => stopGroup(child) };
}

/** Resident memory of a process and its descendants, in MB. */
export function rssOfTree(pid: number): number {
  let kb = 0;
  for (const each of [pid, ...descendantsOf(pid)]) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${each}/status`, 'utf8'));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return kb / 1024;
}

function descendantsOf(pid: number): number[] {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
