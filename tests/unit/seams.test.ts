/**
 * Faults at the seams: a fault wraps a seam and domain code never asks whether a fault is on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultSwitches } from '../../mock-server/core/faults.ts';
import { describeFault, withFaults, type SeamFault } from '../../mock-server/core/seams.ts';
import { MOCK_APIS } from '../../mock-server/registry.ts';

interface Greeter {
  name: string;
  greet(who: string): string;
  shout(who: string): string;
}

const real: Greeter = { name: 'real', greet: (who) => `hello ${who}`, shout: (who) => `HEY ${who}` };
const FAULTS = [
  { id: 'exclaim', description: 'adds a bang', wraps: { greet: (greet) => (who) => `${greet(who)}!` } },
  { id: 'polite', description: 'adds please', wraps: { greet: (greet) => (who) => `please, ${greet(who)}`, shout: () => () => 'shh' } },
] satisfies SeamFault<Greeter>[];

function greeterWith(...on: string[]) {
  const switches = new FaultSwitches(FAULTS);
  switches.set(on);
  return { switches, greeter: withFaults(real, switches, FAULTS) };
}

describe('withFaults', () => {
  it('calls the real seam while no fault is on, and keeps the other members', () => {
    const { greeter } = greeterWith();
    expect(greeter.greet('ann')).toBe('hello ann');
    expect(greeter.shout('ann')).toBe('HEY ann');
    expect(greeter.name).toBe('real');
  });

  it('applies the wrappers of the faults on, the first of the catalog outermost', () => {
    expect(greeterWith('exclaim').greeter.greet('ann')).toBe('hello ann!');
    expect(greeterWith('polite').greeter.shout('ann')).toBe('shh');
    expect(greeterWith('exclaim', 'polite').greeter.greet('ann')).toBe('please, hello ann!');
  });

  it('follows the switches at every call, so the control plane takes effect at once', () => {
    const { switches, greeter } = greeterWith();
    switches.set(['exclaim']);
    expect(greeter.greet('bo')).toBe('hello bo!');
    switches.set([]);
    expect(greeter.greet('bo')).toBe('hello bo');
  });

  it('describes a fault by its facts and the seams it wraps, without functions', () => {
    expect(describeFault(FAULTS[1] as SeamFault<Greeter>)).toEqual({ id: 'polite', description: 'adds please', seams: ['greet', 'shout'] });
  });
});

const MOCK_ROOT = join(import.meta.dirname, '../../mock-server');

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the mock holds no fault checks in domain code', () => {
  const sources = sourcesUnder(MOCK_ROOT).map((path) => ({ file: relative(MOCK_ROOT, path), text: readFileSync(path, 'utf8') }));

  it('asks whether a fault is on only where seams are wrapped', () => {
    const asking = sources.filter(({ text }) => /faults\??\.on\(/.test(text)).map(({ file }) => file);
    expect(asking).toEqual(['core/seams.ts']);
  });

  it('keeps fault definitions out of the issuer, the routes, the guards and the error writers', () => {
    const domain = sources.filter(({ file }) => /^(core\/issuer|apis\/[^/]+\/(routes\/|guards|errors|tokens|context|state|permissions))/.test(file));
    expect(domain.length).toBeGreaterThan(10);
    for (const { file, text } of domain) expect(text, file).not.toMatch(/faults\.ts'|_FAULTS\b/);
  });

  it('gives every fault of every API at least one seam to wrap', () => {
    for (const api of MOCK_APIS) {
      for (const fault of api.faults) expect(describeFault(fault).seams.length, `${api.name}:${fault.id}`).toBeGreaterThan(0);
    }
  });
});
