/** The standard claims and lifetime of MACHHUB tokens, from the vendor's docs. */

/** "lifetime 24 h by default" */
export const TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** "`iss` (default `machhub.localhost`)" */
export const DEFAULT_TOKEN_ISSUER = 'machhub.localhost';
/** "`aud` `idt_machhub_edge`" */
export const TOKEN_AUDIENCE = 'idt_machhub_edge';
