import { redirect } from '@sveltejs/kit';
import { isSelfServiceRole } from '$lib/roles';
import { explain, httpStatusFor, readValues, rejected } from '$lib/server/form-actions';
import { storeTokens } from '$lib/server/session/cookies';
import type { Actions } from './$types';

const fields = ['email', 'password', 'role'] as const;

export const actions: Actions = {
  default: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    // The password is read but never echoed back to the page.
    const { email, password, role } = readValues(form, fields);
    const values = { email, password: '', role };

    const fieldErrors: Partial<Record<(typeof fields)[number], string>> = {};
    if (!email) fieldErrors.email = 'Enter your email address.';
    if (!password) fieldErrors.password = 'Choose a password.';
    if (!isSelfServiceRole(role)) fieldErrors.role = 'Choose whether you are a patient or a doctor.';
    if (Object.keys(fieldErrors).length > 0 || !isSelfServiceRole(role)) {
      return rejected(400, values, {
        message: 'Please correct the highlighted fields.',
        fieldErrors,
        otherDetails: [],
      });
    }

    const result = await locals.api.auth.register({ email, password, role });
    if (!result.ok) {
      const explained = explain(result.error, result.status, fields, locals.api.baseUrl);
      if (result.error.code === 'EMAIL_TAKEN') {
        explained.fieldErrors.email = 'An account with this email already exists. Log in instead?';
      }
      return rejected(httpStatusFor(result.status), values, explained, { code: result.error.code });
    }
    storeTokens(cookies, url, result.data.session);
    // A doctor's first stop is their practice; a patient's, their own profile.
    redirect(303, role === 'doctor' ? '/doctor/onboarding' : '/profile?welcome=1');
  },
};
