import { redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/redirect-target';
import { explain, httpStatusFor, rejected, text } from '$lib/server/form-actions';
import { completeLogin } from '$lib/server/login-flow';
import { clearMfaChallenge, readMfaChallenge } from '$lib/server/session/cookies';
import type { Actions, PageServerLoad } from './$types';

const fields = ['code'] as const;

/** Without a pending challenge (never started, or its five minutes are over) there is nothing to verify. */
function restart(redirectTo: string): never {
  const target = safeRedirectTarget(redirectTo);
  redirect(303, target === '/' ? '/login?restart=1' : `/login?restart=1&redirectTo=${encodeURIComponent(target)}`);
}

export const load: PageServerLoad = ({ cookies, url }) => {
  const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
  if (!readMfaChallenge(cookies)) restart(redirectTo);
  return { redirectTo };
};

export const actions: Actions = {
  default: async ({ request, cookies, url, locals }) => {
    const form = await request.formData();
    const redirectTo = text(form, 'redirectTo');
    const mfaToken = readMfaChallenge(cookies);
    if (!mfaToken) restart(redirectTo);

    // Authenticator codes are typed with spaces sometimes ("123 456"); backup codes keep their dashes.
    const code = text(form, 'code').replace(/\s/g, '');
    if (!code) {
      const failure = {
        message: 'Enter a code.',
        fieldErrors: { code: 'Enter the 6-digit code or a backup code.' },
        otherDetails: [],
      };
      return rejected(400, { code: '' }, failure);
    }
    const result = await locals.api.auth.loginMfa({ mfaToken, code });
    if (!result.ok) {
      if (result.status === 401 && result.error.code !== 'INVALID_MFA_CODE') {
        // The challenge itself is no longer valid (expired): the first factor must be given again.
        clearMfaChallenge(cookies, url);
        restart(redirectTo);
      }
      const explained = explain(result.error, result.status, fields, locals.api.baseUrl);
      if (result.error.code === 'INVALID_MFA_CODE') {
        explained.fieldErrors.code = 'That code is not right. Check your authenticator app and try again.';
      }
      return rejected(httpStatusFor(result.status), { code: '' }, explained);
    }
    return completeLogin(result.data, cookies, url, redirectTo);
  },
};
