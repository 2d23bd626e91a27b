/**
 * A mailed link is a credential: whoever holds it can verify an account or set its password. Every
 * link a rule reads is registered as a secret, with the parts of it that look like tokens, so no
 * failure message or report prints one; mails are described for failures with those parts masked.
 */
import { redactSecrets, registerSecret } from '../redact.ts';
import type { MailView } from './mailbox.ts';

// Ids and tokens are long or mix letters and digits; words such as "recovery" or "verify" are neither.
const looksLikeToken = (part: string) => part.length >= 16 || (part.length >= 8 && /\d/.test(part) && /[a-z]/i.test(part));

/** The parameters of a link's fragment, also behind a client-side route (`#/reset?token=...`). */
export function fragmentParams(url: URL): URLSearchParams {
  const fragment = url.hash.replace(/^#/, '');
  return new URLSearchParams(fragment.includes('?') ? fragment.slice(fragment.indexOf('?') + 1) : fragment);
}

/** The parts of a link that may carry a token: query and fragment values, path segments. */
export function tokenPartsOf(link: string): string[] {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return [];
  }
  const fragment = fragmentParams(url);
  const parts = [
    ...[...url.searchParams.values()],
    ...[...fragment.values()],
    ...url.pathname.split('/').map((segment) => decodeURIComponent(segment)),
  ];
  return parts.filter(looksLikeToken).flatMap((part) => [part, encodeURIComponent(part)]);
}

export function keepMailSecret(mail: Pick<MailView, 'links'>): void {
  for (const link of mail.links) {
    registerSecret(link);
    tokenPartsOf(link).forEach(registerSecret);
  }
}

/** One line about a mail, for a failure message: recipients, subject, and its links masked. */
export function describeMail(mail: MailView): string {
  const links = mail.links.length === 0 ? 'no links' : `links ${mail.links.map(maskedLink).join(', ')}`;
  return redactSecrets(`to ${mail.to.join(', ') || '(nobody)'}, "${mail.subject}", ${links}, at ${mail.receivedAt}`);
}

/** A link with its token parts masked but its shape kept, so a reader sees where it leads. */
export function maskedLink(link: string): string {
  let masked = link;
  for (const part of tokenPartsOf(link).sort((a, b) => b.length - a.length)) masked = masked.split(part).join('[redacted]');
  return masked;
}
