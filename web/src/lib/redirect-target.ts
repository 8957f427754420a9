/**
 * Where to send someone after logging in. Only paths on this site are accepted: an open redirect
 * (`/login?redirectTo=https://evil.example`) would let a phishing link borrow our login page.
 */

const fallback = '/';
const base = 'http://consulta.invalid';
/** Pages that make no sense to land on after logging in (or would undo it). */
const refused = ['/login', '/logout', '/signup'];

export function safeRedirectTarget(raw: string | null | undefined): string {
  const value = raw?.trim() ?? '';
  // Backslashes count as slashes in browsers' URL parsing ("/\evil.example" is protocol-relative).
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  if (refused.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/login?redirectTo=…`, with `expired=1` when a session just ended. */
export function loginPath(options: { redirectTo?: string | null; expired?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (options.expired) params.set('expired', '1');
  const target = options.redirectTo ? safeRedirectTarget(options.redirectTo) : fallback;
  if (target !== fallback) params.set('redirectTo', target);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
