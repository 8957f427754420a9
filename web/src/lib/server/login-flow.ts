/**
 * The end of every first factor (password, SMS code): either the session starts and the person
 * goes where they were heading, or the API wants a second factor and they go to /login/verify.
 * The mfaToken travels in a short-lived httpOnly cookie, never in a URL (where it would land in
 * history, logs and Referer headers).
 */
import { redirect, type Cookies } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/redirect-target';
import type { LoginAnswer } from './identity-schemas';
import { clearMfaChallenge, storeMfaChallenge, storeTokens } from './session/cookies';

export function completeLogin(answer: LoginAnswer, cookies: Cookies, url: URL, redirectTo: string): never {
  const target = safeRedirectTarget(redirectTo);
  if ('mfaRequired' in answer) {
    storeMfaChallenge(cookies, url, answer.mfaToken);
    redirect(303, target === '/' ? '/login/verify' : `/login/verify?redirectTo=${encodeURIComponent(target)}`);
  }
  clearMfaChallenge(cookies, url);
  storeTokens(cookies, url, answer.session);
  redirect(303, target);
}
