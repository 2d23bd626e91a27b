/**
 * The token a mail carries, wherever the server put it: a link's `token` (or `code`, `key`)
 * parameter in the query or fragment, else a link's path segment that looks like a token, else a
 * token standing alone in the text. A document that says only "an e-mail will be sent" leaves the
 * place open, so the suites accept each.
 */
import { registerSecret } from '../redact.ts';
import { fragmentParams, keepMailSecret } from './mail-secrets.ts';
import type { MailView } from './mailbox.ts';

const NAMED = /^(?:[a-z_]*token|code|key|t)$/i;
const TOKEN_SHAPED = /^[\w.~+/=-]{16,}$/;
const STANDALONE = /(?<![\w/.=~+-])[\w.~+-]{20,}(?![\w/.=~+-])/g;

function fromLink(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const fragment = fragmentParams(url);
  for (const params of [url.searchParams, fragment]) {
    for (const [name, value] of params) if (NAMED.test(name) && value) return value;
  }
  const segments = url.pathname.split('/').map((segment) => decodeURIComponent(segment)).filter((segment) => TOKEN_SHAPED.test(segment));
  return segments.at(-1);
}

export function tokenInMail(mail: MailView): string | undefined {
  keepMailSecret(mail);
  for (const link of mail.links) {
    const token = fromLink(link);
    if (token) return token;
  }
  const withoutLinks = mail.links.reduce((text, link) => text.split(link).join(' '), mail.text);
  const standalone = withoutLinks.match(STANDALONE)?.find((word) => /\d/.test(word) && /[a-z]/i.test(word));
  registerSecret(standalone);
  return standalone;
}
