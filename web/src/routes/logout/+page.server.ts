import { redirect } from '@sveltejs/kit';
import { clearMfaChallenge, clearTokens, readTokens } from '$lib/server/session/cookies';
import type { Actions } from './$types';

export const actions: Actions = {
  // The API ends this session's refresh-token family; the cookies go whatever it answers, since
  // a person who asked to log out must end up logged out on this browser even if the API is down.
  default: async ({ cookies, url, locals }) => {
    const { refreshToken } = readTokens(cookies);
    if (refreshToken) await locals.api.auth.logout(refreshToken);
    clearTokens(cookies, url);
    clearMfaChallenge(cookies, url);
    redirect(303, '/login?loggedOut=1');
  },
};
