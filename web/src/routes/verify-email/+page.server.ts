import { fail } from '@sveltejs/kit';
import { httpStatusFor, text } from '$lib/server/form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

// Verified by a POST from this page, not on opening the link: mail scanners open links too, and
// a GET with side effects would spend the token before the person ever sees it.
export const actions: Actions = {
  default: async ({ request, locals }) => {
    const token = text(await request.formData(), 'token');
    if (!token)
      return fail(400, { ok: false as const, message: 'This link has no token. Open the link from the email again.' });
    const result = await locals.api.auth.verifyEmail(token);
    if (!result.ok) return fail(httpStatusFor(result.status), { ok: false as const, message: result.error.message });
    return { ok: true as const };
  },
};
