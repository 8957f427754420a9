/**
 * Where a request may go, decided once per request in hooks.server.ts: visitors to the login page,
 * staff without a second factor to the security page, signed-in people away from sign-up. The
 * API checks every call again; this keeps people from landing on pages that can only fail for
 * them. Roles are checked by the pages that need one (guards.ts `requireRole`), so a refusal
 * renders inside the site's layout rather than as a bare error.
 */
import { loginPath, safeRedirectTarget } from '../redirect-target';
import type { Role } from '../roles';

export interface Viewer {
  readonly roles: readonly Role[];
  readonly mfaSetupRequired: boolean;
}

export type AccessDecision = { kind: 'allow' } | { kind: 'redirect'; location: string };

type Rule = { kind: 'public' } | { kind: 'guests' } | { kind: 'signed-in' };

const securityPage = '/account/security';

/** Longest prefix wins; anything not listed is public (landing page, doctor search and profiles, error pages). */
const rules: ReadonlyArray<readonly [prefix: string, rule: Rule]> = [
  ['/login/verify', { kind: 'public' }],
  ['/login', { kind: 'guests' }],
  ['/signup', { kind: 'guests' }],
  ['/appointments', { kind: 'signed-in' }],
  ['/profile', { kind: 'signed-in' }],
  ['/dependants', { kind: 'signed-in' }],
  ['/account', { kind: 'signed-in' }],
  ['/admin', { kind: 'signed-in' }],
  ['/doctor', { kind: 'signed-in' }],
  ['/doctor-documents', { kind: 'signed-in' }],
];

/** Pages a staff member without a second factor may still use: setting it up, and leaving. */
const allowedBeforeMfaSetup = [securityPage, '/logout'];

/** Pages that work without a session, where an ended session should not interrupt. */
const sessionlessPages = [
  '/login',
  '/signup',
  '/logout',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/dev',
];

const matches = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export function ruleFor(pathname: string): Rule {
  const found = rules.filter(([prefix]) => matches(pathname, prefix)).sort(([a], [b]) => b.length - a.length)[0];
  return found?.[1] ?? { kind: 'public' };
}

export function decideAccess(
  url: Pick<URL, 'pathname' | 'search'>,
  viewer: Viewer | null,
  options: { sessionExpired?: boolean } = {},
): AccessDecision {
  const { pathname } = url;
  const here = `${pathname}${url.search}`;
  const rule = ruleFor(pathname);

  if (!viewer) {
    if (options.sessionExpired && !sessionlessPages.some((page) => matches(pathname, page))) {
      return { kind: 'redirect', location: loginPath({ redirectTo: here, expired: true }) };
    }
    return rule.kind === 'signed-in'
      ? { kind: 'redirect', location: loginPath({ redirectTo: here }) }
      : { kind: 'allow' };
  }

  if (viewer.mfaSetupRequired && !allowedBeforeMfaSetup.some((page) => matches(pathname, page))) {
    return { kind: 'redirect', location: `${securityPage}?required=1` };
  }
  if (rule.kind === 'guests') {
    const target = new URLSearchParams(url.search).get('redirectTo');
    return { kind: 'redirect', location: safeRedirectTarget(target) };
  }
  return { kind: 'allow' };
}
