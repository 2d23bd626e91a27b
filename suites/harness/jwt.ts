/** Reading and forging JWTs for the attack rules: every forgery here must be refused by a server. */
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK, type JWK, type JWTPayload } from 'jose';

export { decodeJwt, decodeProtectedHeader };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function parts(token: string): [string, string, string] {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a compact JWS');
  return [header, payload, signature];
}

/** The same claims, unsigned: header `alg: none`, empty signature. */
export function withAlgNone(token: string): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${parts(token)[1]}.`;
}

/** Claims changed, original header and signature kept. */
export function withEditedClaims(token: string, change: JWTPayload): string {
  const [header, , signature] = parts(token);
  return `${header}.${encode({ ...decodeJwt(token), ...change })}.${signature}`;
}

/** One character of the signature changed. */
export function withFlippedSignature(token: string): string {
  const [header, payload, signature] = parts(token);
  const first = signature[0] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${first}${signature.slice(1)}`;
}

/** Header and payload only: `header.payload.` */
export function withoutSignature(token: string): string {
  const [header, payload] = parts(token);
  return `${header}.${payload}.`;
}

/** Signs claims with an HS256 secret, as a holder of that secret could. */
export function signHs256(claims: JWTPayload, secret: string, kid?: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) }).sign(new TextEncoder().encode(secret));
}

/** Signs claims with an Ed25519 private key given as a JWK, as the server's operator could. */
export async function signEdDsa(claims: JWTPayload, privateJwk: JWK, kid?: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', ...(kid ? { kid } : {}) }).sign(await importJWK(privateJwk, 'EdDSA'));
}

/**
 * How far past its exp a token is aged when a rule checks that it is refused. RFC 7519 §4.1.4 lets
 * a verifier allow "some small leeway, usually no more than a few minutes", so a token only a second
 * past exp may still be accepted by a correct server.
 */
export const CLOCK_LEEWAY_SECONDS = 300;
