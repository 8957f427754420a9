import { devToolsEnabled } from '$lib/server/dev-tools';
import type { Viewer } from '$lib/viewer';
import { localeFrom, TIME_ZONE_COOKIE } from '$lib/viewer-zone';
import type { LayoutServerLoad } from './$types';

/** Who is looking, for the header; never a token. Runs again after every form action (invalidateAll). */
export const load: LayoutServerLoad = async ({ locals, cookies, request }) => {
  const session = locals.session;
  let viewer: Viewer | null = null;
  if (session) {
    // The contact is only for the account menu: failing to read it must not break every page.
    const me = session.mfaSetupRequired ? null : await locals.api.account.me();
    viewer = {
      accountId: session.accountId,
      roles: session.roles,
      contact: me?.ok ? (me.data.account.email ?? me.data.account.phone) : null,
      hasEmail: me?.ok ? me.data.account.email !== null : true,
      name: me?.ok ? (me.data.profile?.name ?? null) : null,
      totpEnabled: session.totpEnabled,
      mfaSetupRequired: session.mfaSetupRequired,
    };
  }
  return {
    viewer,
    sessionUnavailable: locals.sessionUnavailable !== null,
    devTools: devToolsEnabled(),
    /** The zone the browser last told us (time-zone-sync.svelte); null until it has. */
    timeZoneCookie: cookies.get(TIME_ZONE_COOKIE) ?? null,
    /** Money and dates are formatted in this locale on the server and in the browser alike. */
    locale: localeFrom(request.headers.get('accept-language')),
  };
};
