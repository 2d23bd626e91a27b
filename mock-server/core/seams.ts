/**
 * Seams: the few functions of a mock that a fault may wrap (the issuer, the password check, a token
 * store, a guard, a store's uniqueness, the error writer, an operation's answer). Domain code calls
 * through its seams and never asks whether a fault is on; each fault brings wrappers for the seams it
 * breaks. The wrappers of the faults on are composed at every call, so switching a fault through the
 * control plane takes effect on the next request.
 */
import type { FaultDefinition, FaultSwitches } from './faults.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a seam may have any signature
type AnyFunction = (...args: any[]) => unknown;

/** What a fault does to each seam it breaks: a function of the real one (and its owner). */
export type SeamWrappers<Seams, Owner = undefined> = { [Name in keyof Seams]?: (inner: Seams[Name], owner: Owner) => Seams[Name] };

export interface SeamFault<Seams, Owner = undefined> extends FaultDefinition {
  wraps: SeamWrappers<Seams, Owner>;
}

/**
 * `real` with each seam that some fault of `catalog` wraps replaced by a function that applies the
 * wrappers of the faults on, the first fault of the catalog outermost. Other members are kept.
 */
export function withFaults<Seams extends object, Owner = undefined>(
  real: Seams,
  faults: FaultSwitches,
  catalog: readonly SeamFault<Seams, Owner>[],
  owner?: Owner,
): Seams {
  const wrapped = { ...real };
  const names = new Set(catalog.flatMap((fault) => Object.keys(fault.wraps) as (keyof Seams)[]));
  for (const name of names) {
    const inner = real[name] as AnyFunction;
    const onSeam = catalog.filter((fault) => fault.wraps[name] !== undefined).reverse();
    wrapped[name] = ((...args: unknown[]) => {
      let seam = inner;
      for (const fault of onSeam) {
        if (faults.on(fault.id)) seam = (fault.wraps[name] as unknown as (inner: AnyFunction, owner: Owner | undefined) => AnyFunction)(seam, owner);
      }
      return seam(...args);
    }) as Seams[keyof Seams];
  }
  return wrapped;
}

/** An answer with one member left out: the bug of a server that forgets a field. */
export function withoutMember<Body extends object>(body: Body, member: keyof Body): Partial<Body> {
  const { [member]: _dropped, ...rest } = body;
  return rest as Partial<Body>;
}

/** What a catalog entry shows through the control plane: its facts and the seams it wraps. */
export function describeFault(fault: FaultDefinition & { wraps?: object }): FaultDefinition & { seams: string[] } {
  const { id, description, breaksInference } = fault;
  return { id, description, ...(breaksInference ? { breaksInference } : {}), seams: Object.keys(fault.wraps ?? {}) };
}
