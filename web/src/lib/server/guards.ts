/** For loads and actions of pages behind a login: the session hooks.server.ts resolved. */
import { error, redirect } from '@sveltejs/kit';
import { loginPath } from '$lib/redirect-target';
import { roleLabels, type Role } from '$lib/roles';
import type { AuthStatus } from './identity-schemas';

export function requireSession(locals: App.Locals, url: URL): AuthStatus {
  if (locals.session) return locals.session;
  if (locals.sessionUnavailable) {
    error(
      503,
      `We could not check your session with the Consulta API (${locals.sessionUnavailable}). Try again in a moment.`,
    );
  }
  // hooks.server.ts redirects first; this only guards a route missing from its rules.
  redirect(303, loginPath({ redirectTo: `${url.pathname}${url.search}` }));
}

/** The session, holding `role`; a 403 page inside the site's layout otherwise. */
export function requireRole(locals: App.Locals, url: URL, role: Role): AuthStatus {
  const session = requireSession(locals, url);
  if (!session.roles.includes(role)) {
    error(403, `This page is only for accounts with the ${roleLabels[role].toLowerCase()} role.`);
  }
  return session;
}
