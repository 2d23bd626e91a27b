/**
 * Why a rule could not run, as a code reports and the Prism comparison classify by, plus a sentence
 * that says what to configure. A skip note reads `<code>: <sentence>`.
 */
export const SKIP_CODES = {
  'needs-secret': 'the token signing secret of the target was not given',
  'needs-control-plane': 'only a mock with a control plane can drive this (no other means exists)',
  'needs-mailbox': 'the rule reads a mail and no mailbox is configured',
  'needs-account': 'credentials for a role were not given, or the seeded ones are not on the target',
  'needs-mutation': 'the rule changes server state and mutation was not allowed',
  'needs-fixture': 'the target holds no data of the kind the rule needs, and the suite cannot create it',
  'not-applicable': 'the target made a choice the document leaves open under which the rule does not arise',
  'not-through-prism': 'a Prism proxy in front of the target answers this call itself',
} as const;

export type SkipCode = keyof typeof SKIP_CODES;

export function skipNote(code: SkipCode, reason: string): string {
  return `${code}: ${reason}`;
}

export function parseSkipNote(note: string | undefined): { code: SkipCode | 'unknown'; reason: string } {
  const match = /^([a-z-]+): ([\s\S]*)$/.exec(note ?? '');
  if (match && match[1]! in SKIP_CODES) return { code: match[1] as SkipCode, reason: match[2]! };
  return { code: 'unknown', reason: note ?? 'no reason given' };
}
