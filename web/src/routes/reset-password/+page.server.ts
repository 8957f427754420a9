import { explain, httpStatusFor, rejected, text } from '$lib/server/form-actions';
import type { Actions, PageServerLoad } from './$types';

const fields = ['password'] as const;

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData();
    const token = text(form, 'token');
    // Passwords are never echoed back into the page.
    const values = { password: '' };
    const password = form.get('password');
    if (typeof password !== 'string' || !password) {
      return rejected(400, values, {
        message: 'Choose a new password.',
        fieldErrors: { password: 'Choose a new password.' },
        otherDetails: [],
      });
    }
    const result = await locals.api.auth.resetPassword({ token, password });
    if (!result.ok)
      return rejected(
        httpStatusFor(result.status),
        values,
        explain(result.error, result.status, fields, locals.api.baseUrl),
      );
    return { ok: true as const };
  },
};
