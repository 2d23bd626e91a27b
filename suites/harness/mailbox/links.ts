/**
 * The links of a mail, found the same way whatever mailbox it came from: every URL in the text
 * part (linkify-it) and every href in the HTML part (htmlparser2), in order, without repeats.
 */
import { Parser } from 'htmlparser2';
import { LinkifyIt } from 'linkify-it';

const linkify = new LinkifyIt();

export function linksOf(mail: { text?: string | null; html?: string | null }): string[] {
  const found: string[] = [];
  for (const match of linkify.match(mail.text ?? '') ?? []) {
    if (/^https?:/i.test(match.url)) found.push(match.url);
  }
  if (mail.html) {
    const parser = new Parser({
      onopentag(name, attributes) {
        if (name === 'a' && attributes.href && /^https?:/i.test(attributes.href)) found.push(attributes.href);
      },
    });
    parser.write(mail.html);
    parser.end();
  }
  return [...new Set(found)];
}
