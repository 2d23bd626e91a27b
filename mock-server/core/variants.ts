/**
 * Variants: choices the vendor document leaves open, made the other way than the default mock
 * makes them (other names for undocumented fields, PUT as replace, other id formats, no control
 * plane, ...). A mock started in a variant is still a correct implementation of the document, so
 * every suite must pass it without a required failure: the variant matrix measures false alarms as
 * the kill matrix measures misses. Variants are fixed at start; they never change at run time.
 */
import { FaultSwitches, type FaultDefinition } from './faults.ts';

export interface VariantDefinition extends FaultDefinition {
  /** The document's sentence that permits the choice, or what it is silent on. */
  basis: string;
}

/** Variants every API's mock has. */
export const CORE_VARIANTS = {
  noControlPlane: {
    id: 'no-control-plane',
    description: 'serves no /__mock control plane and no dashboard, as a real server does',
    basis: 'silence: no vendor document has a test-control API',
  },
} as const satisfies Record<string, VariantDefinition>;

export class VariantSwitches extends FaultSwitches {
  constructor(catalog: VariantDefinition[], active: string[] = []) {
    super(catalog);
    this.set(active);
  }
}

/** The variants meant for one API in a `MOCK_VARIANTS` / `--variant` list, e.g. "vinmake:put-replaces". */
export { faultsFor as variantsFor } from './faults.ts';
