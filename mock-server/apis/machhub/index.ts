import { exportJWK, generateKeyPair } from 'jose';
import { API_CATALOG } from '../../../specs/apis.ts';
import type { MockApiDefinition } from '../../core/mock-api.ts';
import { createMachhubMock } from './app.ts';
import { MACHHUB_FAULT_CATALOG } from './faults.ts';
import { MACHHUB_VARIANT_CATALOG } from './variants.ts';

export const machhub: MockApiDefinition = {
  name: 'machhub',
  ...API_CATALOG.machhub,
  signingKey: { env: 'MACHHUB_SIGNING_JWK', generate: newSigningJwk },
  faults: MACHHUB_FAULT_CATALOG,
  variants: MACHHUB_VARIANT_CATALOG,
  create: createMachhubMock,
};

/** A fresh Ed25519 private key as JWK JSON, the form MACHHUB_SIGNING_JWK takes. */
async function newSigningJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  return JSON.stringify(await exportJWK(privateKey));
}
