import { explain, httpStatusFor, readValues, rejected } from '$lib/server/form-actions';
import { devToolsEnabled } from '$lib/server/dev-tools';
import type { Actions, PageServerLoad } from './$types';

const fields = ['email'] as const;

export const load: PageServerLoad = () => ({ devTools: devToolsEnabled() });

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const values = readValues(await request.formData(), fields);
    if (!values.email) {
      return rejected(400, values, {
        message: 'Enter your email address.',
        fieldErrors: { email: 'Enter your email address.' },
        otherDetails: [],
      });
    }
    // The API answers 202 whether or not the address has an account, so this page cannot be used
    // to find out who is registered; it says the same either way.
    const result = await locals.api.auth.forgotPassword(values.email);
    if (!result.ok)
      return rejected(
        httpStatusFor(result.status),
        values,
        explain(result.error, result.status, fields, locals.api.baseUrl),
      );
    return { ok: true as const, email: values.email };
  },
};
