/**
 * The enclaive mock's variants: choices its document leaves open, made the other way. Every suite must
 * pass each of them without a required failure (npm run variant-matrix).
 */
import { CORE_VARIANTS, type VariantDefinition } from '../../core/variants.ts';

export const ENCLAIVE_VARIANTS = {
  ...CORE_VARIANTS,
  errorEnvelope: {
    id: 'error-envelope',
    description: 'writes every error as {"error": {"code": "<snake_case>", "message": "<text>"}} instead of NestJS\'s {statusCode, message, error}',
    basis: 'silence: the Auth page publishes no error body for any call; docs/sources.md: "No error shapes or token lifetimes are published."',
  },
  errorMessageOnly: {
    id: 'error-message-only',
    description: 'writes every error as {"error": message} (this was the fault error-shape-wrong, but no error shape is published)',
    basis: 'silence: the Auth page publishes no error body for any call; docs/sources.md: "No error shapes or token lifetimes are published."',
  },
  otherErrorStatuses: {
    id: 'other-error-statuses',
    description: 'answers invalid input 422, a refused bearer token or wrong login 403, a taken e-mail 400, an unknown or used verification token 404 and reset token 410',
    basis: 'silence: the Auth page gives no status for any failure; only login\'s 201 is published (docs/sources.md)',
  },
  bearerOnRecovery: {
    id: 'bearer-on-recovery',
    description: 'forgot-passsword and reset-passsword refuse a call without a live userToken (401)',
    basis: 'both calls list "Headers Name Type Description Authorization* String Bearer Token": the document marks the header required',
  },
  postsAnswer200: {
    id: 'posts-answer-200',
    description: 'register, forgot-passsword, reset-passsword and POST /api/projects answer 200 instead of 201 (login keeps 201)',
    basis: 'silence: only login\'s 201 is published ("The vendor\'s published docs show `POST /api/login` answering **201**"); the other calls show bodies, not statuses',
  },
  resendKeepsOldLinks: {
    id: 'resend-keeps-old-links',
    description: 'a resent confirmation mail leaves the links of earlier mails valid until they expire or one is used',
    basis: 'silence: "Request to resend the user\'s confirmation email to the user\'s email." says nothing of the earlier links',
  },
  teamIdNamedId: {
    id: 'team-id-named-id',
    description: 'team objects carry their id as `id` instead of `_id`',
    basis: 'silence: the vendor clients (docs/sources.md) list the fields of a project (`_id`, ...) but none of a team\'s',
  },
} as const satisfies Record<string, VariantDefinition>;

export const ENCLAIVE_VARIANT_CATALOG: VariantDefinition[] = Object.values(ENCLAIVE_VARIANTS);
