/**
 * Message bodies from the development outbox, split into text and links. Links to this web app's
 * own pages (email verification, password reset) become same-origin paths: the API writes them
 * with whatever web address it was configured with, which in development and tests is rarely the
 * port this server listens on.
 */

export const ownPages = ['/verify-email', '/reset-password'] as const;
export type OwnPage = (typeof ownPages)[number];

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'own-link'; text: string; page: OwnPage; search: string }
  | { kind: 'external-link'; text: string; href: string };

const urlPattern = /\bhttps?:\/\/[^\s<>"']+/g;
/** Sentence punctuation after a URL belongs to the sentence. */
const trailing = /[.,;:!?)\]]+$/;

function linkFor(raw: string): Segment {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'text', text: raw };
  }
  const page = ownPages.find((path) => url.pathname === path);
  return page
    ? { kind: 'own-link', text: raw, page, search: url.search }
    : { kind: 'external-link', text: raw, href: url.href };
}

export function linkify(body: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of body.matchAll(urlPattern)) {
    const start = match.index;
    const url = match[0].replace(trailing, '');
    if (start > last) segments.push({ kind: 'text', text: body.slice(last, start) });
    segments.push(linkFor(url));
    last = start + url.length;
  }
  if (last < body.length) segments.push({ kind: 'text', text: body.slice(last) });
  return segments;
}

/** The one-time code in an SMS ("Your Consulta code is 123456"), shown large in the outbox. */
export function codeIn(body: string): string | null {
  return /\b(\d{4,8})\b/.exec(body)?.[1] ?? null;
}
