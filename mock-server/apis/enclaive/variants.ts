/**
 * The enclaive mock's variants: choices its document leaves open, made the other way. Every suite must
 * pass each of them without a required failure (npm run variant-matrix).
 */
import { CORE_VARIANTS, type VariantDefinition } from '../../core/variants.ts';

export const ENCLAIVE_VARIANTS = {
  ...CORE_VARIANTS,
} as const satisfies Record<string, VariantDefinition>;

export const ENCLAIVE_VARIANT_CATALOG: VariantDefinition[] = Object.values(ENCLAIVE_VARIANTS);
