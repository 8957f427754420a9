/**
 * Every request: resolve the session from the web server's own cookies into `event.locals`,
 * renewing tokens when needed, then apply the page access rules. The browser never holds an API
 * token; form actions stay protected by SvelteKit's origin check (left on in svelte.config.js).
 */
import { redirect, type Handle } from '@sveltejs/kit';
import { createApiClient } from '$lib/server/api-client';
import { apiBaseUrl } from '$lib/server/api-config';
import { decideAccess } from '$lib/server/route-access';
import { refreshOnce } from '$lib/server/session/refresh-once';
import { resolveSession } from '$lib/server/session/resolve-session';
import { createSessionFetch } from '$lib/server/session/session-fetch';
import { createSessionKeeper } from '$lib/server/session/session-keeper';

export const handle: Handle = async ({ event, resolve }) => {
  const baseUrl = apiBaseUrl();
  const apiFetch = withClientAddress(event.fetch, event.getClientAddress());
  const anonymous = createApiClient({ baseUrl, fetch: apiFetch });
  const keeper = createSessionKeeper({
    cookies: event.cookies,
    url: event.url,
    refresh: (refreshToken) => refreshOnce(refreshToken, anonymous.auth.refresh),
  });
  event.locals.api = createApiClient({ baseUrl, fetch: createSessionFetch(keeper, apiFetch) });

  const resolution = await resolveSession(keeper, event.locals.api);
  event.locals.session = resolution.kind === 'signed-in' ? resolution.session : null;
  event.locals.sessionUnavailable = resolution.kind === 'unavailable' ? resolution.message : null;

  // With the API unreachable we cannot tell who this is; pages say so instead of bouncing to login.
  if (resolution.kind !== 'unavailable') {
    const decision = decideAccess(event.url, event.locals.session, { sessionExpired: resolution.kind === 'expired' });
    if (decision.kind === 'redirect') redirect(303, decision.location);
  }
  const response = await resolve(event);
  // Signed-in pages carry personal (often health) data: no shared or back-button copies of them.
  if (event.locals.session && !response.headers.has('cache-control')) {
    response.headers.set('cache-control', 'private, no-store');
  }
  return response;
};

/**
 * The API limits sign-in attempts per client address as well as per account. Every call reaches it
 * from this server, so the browser's address goes along; the API only believes it when it trusts
 * this server as a proxy (Fastify `trustProxy`), otherwise it sees this server's address.
 */
function withClientAddress(baseFetch: typeof fetch, clientAddress: string): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', clientAddress);
    return baseFetch(input, { ...init, headers });
  };
}
